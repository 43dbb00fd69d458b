<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="tr_TR">
<context>
    <name>AccountingExportDialog</name>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="66" />
        <source>Muhasebeci için dışa aktar</source>
        <translation>Export for the accountant</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="69" />
        <source>Dönemin kesilen ve gelen faturaları, tutarları imzalı belgelerden okunarak tek dosyada: her fatura bir satır; Excel dosyasında ayrıca KDV oranı sayfaları ve aylık KDV özeti. Taslaklar yazılmaz; iptal edilenler işaretlenir, toplamlara katılmaz.</source>
        <translation>The period's issued and received invoices in one file, their amounts read from the signed documents: one row per invoice; the Excel file also has a sheet per VAT rate and a monthly VAT summary. Drafts are not written; cancelled invoices are marked and left out of the totals.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="91" />
        <source>Geçen ay</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="95" />
        <source>Bu ay</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="102" />
        <source>Dönem</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="106" />
        <source>Satışlar (kesilen faturalar)</source>
        <translation>Sales (issued invoices)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="107" />
        <source>Alışlar (gelen faturalar)</source>
        <translation>Purchases (received invoices)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="108" />
        <source>Tümü (satışlar ve alışlar)</source>
        <translation>All (sales and purchases)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="111" />
        <source>Faturalar</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="115" />
        <source>Excel (.xlsx)</source>
        <translation>Excel (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="116" />
        <source>CSV (.csv, noktalı virgüllü)</source>
        <translation>CSV (.csv, semicolon-separated)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="117" />
        <source>Biçim</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="123" />
        <source>Seç…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="128" />
        <source>Dosya</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="130" />
        <source>Aynı dönemin asıl belgeleri (zip)</source>
        <translation>The same period's original documents (zip)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="133" />
        <source>İmzalı faturalar, yanıtlar, e-Arşiv raporları ve zarflar saklandıkları gibi; dizin ve SHA-256 özetleriyle tek zip dosyasında, seçilen dosyanın yanında.</source>
        <translation>Signed invoices, responses, e-Arşiv reports and envelopes as stored, with an index and SHA-256 digests, in one zip file beside the chosen file.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="154" />
        <source>Dışa aktar</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="158" />
        <source>Kapat</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="210" />
        <source>Zip: {0}</source>
        <translation>Zip: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="214" />
        <source>Excel dosyası (*.xlsx)</source>
        <translation>Excel file (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="215" />
        <source>CSV dosyası (*.csv)</source>
        <translation>CSV file (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="219" />
        <source>Dışa aktarılacak dosya</source>
        <translation>File to export to</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="237" />
        <source>Kaydedilecek dosyayı seçin.</source>
        <translation>Choose the file to save.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="247" />
        <source>Dosya zaten var</source>
        <translation>File already exists</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="248" />
        <source>Bu dosya zaten var; üzerine yazılsın mı?</source>
        <translation>This file already exists; overwrite it?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="249" />
        <source>Bu dosyalar zaten var; üzerine yazılsın mı?</source>
        <translation>These files already exist; overwrite them?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="251" />
        <source>Üzerine yaz</source>
        <translation>Overwrite</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="253" />
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="263" />
        <source>Başlıyor…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="281" />
        <source>Asıl belgeler zip'e yazılıyor… {0}/{1}</source>
        <translation>Writing the original documents to the zip… {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="285" />
        <source>Faturalar okunuyor…</source>
        <translation>Reading the invoices…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="286" />
        <source>Dosya yazılıyor…</source>
        <translation>Writing the file…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="302" />
        <source>Dışa aktarıldı</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="306" />
        <source>{0} fatura dışa aktarıldı ({1}–{2}).</source>
        <translation>{0} invoices exported ({1}–{2}).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="310" />
        <source>Satışlar: {0} fatura · matrah {1} · hesaplanan KDV {2} · tevkifat {3} · ödenecek {4}</source>
        <translation>Sales: {0} invoices · VAT base {1} · VAT charged {2} · withholding {3} · payable {4}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="316" />
        <source>Alışlar: {0} fatura · matrah {1} · indirilecek KDV {2} · tevkifat {3} · ödenecek {4}</source>
        <translation>Purchases: {0} invoices · VAT base {1} · deductible VAT {2} · withholding {3} · payable {4}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="321" />
        <source>{0} fatura (iptal, ret ya da GİB reddi) listede işaretli, toplamlara katılmadı.</source>
        <translation>{0} invoices (cancelled, rejected or refused by GİB) are marked in the list and left out of the totals.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="324" />
        <source>Asıl belgeler: {0} belge, {1} görünüm, zip dosyasında.</source>
        <translation>Original documents: {0} documents, {1} views, in the zip file.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/accounting_export.py" line="327" />
        <source>Uyarı: {0} belge okunamadı; dosyada yoklar:</source>
        <translation>Warning: {0} documents could not be read; they are not in the file:</translation>
    </message>
</context>
<context>
    <name>AddressPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="128" />
        <source>Adres ve iletişim</source>
        <translation>Address and contact</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="129" />
        <source>Faturanın üst bilgisinde görünür.</source>
        <translation>Shown in the invoice header.</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <location filename="../../ui/dialogs/answer_invoice.py" line="45" />
        <source>Faturayı KABUL et</source>
        <translation>Accept the invoice</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/answer_invoice.py" line="46" />
        <source>Faturayı REDDET</source>
        <translation>Reject the invoice</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/answer_invoice.py" line="52" />
        <source>{0} tarafından gönderilen {1} numaralı faturayı KABUL ediyorsunuz. Yanıt imzalanıp gönderene iletilir; bir kez verilir ve değiştirilemez. Emin misiniz?</source>
        <translation>You are accepting invoice {1} sent by {0}. The answer is signed and sent to the sender; it is given once and cannot be changed. Are you sure?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/answer_invoice.py" line="56" />
        <source>{0} tarafından gönderilen {1} numaralı faturayı REDDEDİYORSUNUZ. Reddetme nedenini yazın; gönderen bu metni görür. Yanıt imzalanıp gönderene iletilir; bir kez verilir ve değiştirilemez.</source>
        <translation>You are REJECTING invoice {1} sent by {0}. Write the reason; the sender sees this text. The answer is signed and sent to the sender; it is given once and cannot be changed.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/answer_invoice.py" line="69" />
        <source>Reddetme nedeni (en çok 500 karakter)</source>
        <translation>Reason for rejecting (at most 500 characters)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/answer_invoice.py" line="85" />
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/answer_invoice.py" line="88" />
        <location filename="../../ui/dialogs/answer_invoice.py" line="151" />
        <source>KABUL et</source>
        <translation>Accept (KABUL)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/answer_invoice.py" line="88" />
        <location filename="../../ui/dialogs/answer_invoice.py" line="151" />
        <source>REDDET</source>
        <translation>Reject (RED)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/answer_invoice.py" line="120" />
        <source>Reddetme nedenini yazın: neden olmadan RED yanıtı verilemez.</source>
        <translation>Write the reason: a RED answer cannot be given without one.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/answer_invoice.py" line="124" />
        <source>Reddetme nedeni en çok {0} karakter olabilir; şu an {1} karakter.</source>
        <translation>The reason may be at most {0} characters; it is {1} characters now.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/answer_invoice.py" line="133" />
        <source>İmzalanıyor…</source>
        <translation>Signing…</translation>
    </message>
</context>
<context>
    <name>ApiSettings</name>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="50" />
        <source>Diğer programlar</source>
        <translation>Other software</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="55" />
        <source>Kasa programı, ön muhasebe (ERP) ya da e-ticaret sitesi Tezgâh'a iki yoldan fatura bırakabilir: bu bilgisayardaki yerel API (HTTP) ya da izlenen klasör. Gelenler taslak olur; kesmek ve imzalamak burada kalır.</source>
        <translation>A till, an accounting program (ERP) or a web shop can hand invoices to Tezgâh in two ways: the local API (HTTP) on this computer or the watched folder. What arrives becomes a draft; issuing and signing stay here.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="61" />
        <source>Yerel API</source>
        <translation>Local API</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="67" />
        <source>API portu</source>
        <translation>API port</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="68" />
        <source>Ağa aç (başka bilgisayarlar erişebilir)</source>
        <translation>Open to the network (other computers can connect)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="72" />
        <source>Kapalıyken yalnızca bu bilgisayardaki programlar erişir (127.0.0.1). Açıkken aynı ağdaki her bilgisayar API'ye ulaşabilir; yine de API anahtarı gerekir. Yalnızca güvendiğiniz iş yeri ağında açın, internete açık bir ağda açmayın.</source>
        <translation>When off, only programs on this computer can connect (127.0.0.1). When on, every computer on the same network can reach the API; an API key is still required. Turn it on only in a workplace network you trust, never on a network open to the internet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="78" />
        <source>API ile toplu imzaya izin ver (tek PIN ile bir parti)</source>
        <translation>Allow batch signing through the API (one PIN per batch)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="83" />
        <source>Kapalıyken (önerilen) diğer programlar yalnızca taslak bırakır; faturayı kesmek ve mali mühür/e-imza ile imzalamak bu pencerede, kartın başındaki kişinin işidir. Açıkken bir program bir parti taslağı kartın PIN'iyle tek seferde kestirebilir.</source>
        <translation>When off (recommended), other programs only leave drafts; issuing an invoice and signing it with the e-seal/e-signature card is done in this window by the person at the card. When on, a program can have a batch of drafts issued at once with the card's PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="88" />
        <source>İzlenen klasörü kullan</source>
        <translation>Use the watched folder</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="92" />
        <source>Bu klasöre bırakılan fatura dosyaları (JSON ya da imzasız UBL-TR XML) taslak olur; işlenenler 'islenen', hatalı olanlar nedenini yazan bir notla 'hatalı' alt klasörüne taşınır.</source>
        <translation>Invoice files (JSON or unsigned UBL-TR XML) left in this folder become drafts; processed files move to the 'islenen' sub-folder, refused ones to 'hatalı' with a note saying why.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="99" />
        <source>Klasör seç…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="103" />
        <source>Klasörü aç</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="87" />
        <location filename="../../ui/pages/api_settings.py" line="189" />
        <source>İzlenen klasör</source>
        <translation>Watched folder</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="107" />
        <source>Klasör</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="116" />
        <source>Komut satırında:</source>
        <translation>On the command line:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="117" />
        <source>{0}  — API'yi bu ayarlarla başlatır</source>
        <translation>{0}  — starts the API with these settings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="118" />
        <source>{0}  — diğer programlar için API anahtarı üretir</source>
        <translation>{0}  — makes an API key for other programs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="125" />
        <source>Diğer programlar ayarlarını kaydet</source>
        <translation>Save the other software settings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="146" />
        <source>boş: {0}</source>
        <translation>empty: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="148" />
        <source>Kullanılan klasör: {0}</source>
        <translation>Folder in use: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/api_settings.py" line="165" />
        <source>Diğer programlar ayarları kaydedildi. Çalışan bir 'tezgah api serve' yeniden başlatılınca geçerli olur.</source>
        <translation>The other software settings were saved. A running 'tezgah api serve' uses them once it is restarted.</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../ui/widgets/chart.py" line="63" />
        <source>{0} mn</source>
        <translation>{0}M</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart.py" line="65" />
        <source>{0} bin</source>
        <translation>{0}K</translation>
    </message>
</context>
<context>
    <name>CancelInvoiceDialog</name>
    <message>
        <location filename="../../ui/dialogs/cancel_invoice.py" line="39" />
        <source>Faturayı iptal et — {0}</source>
        <translation>Cancel invoice — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/cancel_invoice.py" line="42" />
        <source>{0} numaralı e-Arşiv faturası iptal edilecek.</source>
        <translation>e-Arşiv invoice {0} will be cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/cancel_invoice.py" line="51" />
        <source>Kaynak: {0}</source>
        <translation>Source: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/cancel_invoice.py" line="57" />
        <source>İptal nedeni (zorunlu):</source>
        <translation>Reason for cancelling (required):</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/cancel_invoice.py" line="60" />
        <source>Örneğin: Müşteri siparişten vazgeçti</source>
        <translation>For example: the customer withdrew the order</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/cancel_invoice.py" line="73" />
        <source>Faturayı iptal et</source>
        <translation>Cancel invoice</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/cancel_invoice.py" line="76" />
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <location filename="../../ui/pages/catalog.py" line="54" />
        <source>Ara (Ctrl+F)</source>
        <translation>Search (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="57" />
        <source>Yeni (Ctrl+N)</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="61" />
        <source>Düzenle (Enter)</source>
        <translation>Edit (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="64" />
        <source>Excel/CSV'den al (Ctrl+I)</source>
        <translation>Import Excel/CSV (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="120" />
        <source>{0} kayıt</source>
        <translation>{0} records</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="146" />
        <source>Dosya seçin</source>
        <translation>Choose a file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="147" />
        <source>Excel ya da CSV (*.xlsx *.csv)</source>
        <translation>Excel or CSV (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="162" />
        <source>{0} kayıt içe aktarıldı.</source>
        <translation>{0} records imported.</translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="98" />
        <source>Firma kimliği</source>
        <translation>Company identity</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="99" />
        <source>Vergi levhanızdaki bilgiler. VKN/TCKN yazarken denetlenir.</source>
        <translation>As on your tax certificate. The VKN/TCKN is checked as you type.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="107" />
        <source>Gönderici birim (GB) etiketi</source>
        <translation>Sender unit (GB) alias</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="109" />
        <source>GİB'in size verdiği gönderici birim etiketi: faturalarınız bu adresten gönderilir.</source>
        <translation>The sender unit alias GİB gave you: your invoices are sent from this address.</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../ui/dialogs/customer.py" line="23" />
        <source>Müşteri</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/customer.py" line="23" />
        <source>Yeni müşteri</source>
        <translation>New customer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/customer.py" line="37" />
        <source>Kaydet</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/customer.py" line="38" />
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <location filename="../../ui/pages/catalog.py" line="173" />
        <source>Müşteriler</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="175" />
        <source>Ad / unvan</source>
        <translation>Name / title</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="176" />
        <source>Vergi dairesi</source>
        <translation>Tax office</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="176" />
        <source>İl</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="177" />
        <source>Posta kutusu (PK) etiketi</source>
        <translation>Mailbox (PK) alias</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="178" />
        <source>Müşterinin GİB'deki e-Fatura posta kutusu (PK) etiketi: e-Fatura bu etikete gönderilir.</source>
        <translation>The customer's e-Fatura mailbox (PK) alias at GİB: the e-Fatura is sent to it.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="44" />
        <source>Özet</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="49" />
        <source>Bu ayın satışları (KDV hariç)</source>
        <translation>Sales this month (excl. VAT)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="51" />
        <source>Bu yılın satışları (KDV hariç)</source>
        <translation>Sales this year (excl. VAT)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="53" />
        <source>Bekleyen taslaklar</source>
        <translation>Drafts waiting</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="54" />
        <source>Bu ayın alışları (gelen faturalar, KDV hariç)</source>
        <translation>This month's purchases (incoming invoices, excl. VAT)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="64" />
        <source>Aylık satışlar</source>
        <translation>Monthly sales</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="75" />
        <source>Bu yıl hesaplanan KDV</source>
        <translation>VAT charged this year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="85" />
        <source>Faturaların durumu</source>
        <translation>Invoices by status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="102" />
        <source>e-Arşiv raporları</source>
        <translation>e-Arşiv reports</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="105" />
        <source>Raporu şimdi gönder</source>
        <translation>Send report now</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="108" />
        <source>Bitmiş günlerin raporunu mali mühür/e-imza ile imzalar, zaman damgası alır ve GİB'e gönderir. Kartın PIN'i sorulur; saklanmaz.</source>
        <translation>Signs the report of the finished days with the company seal (mali mühür) or e-signature, gets a time stamp and sends it to GİB. The card's PIN is asked for and not stored.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="139" />
        <source>Bekleyen e-Arşiv raporu yok.</source>
        <translation>No e-Arşiv report waiting.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="144" />
        <source>{0} fatura, {1} iptal</source>
        <translation>{0} invoices, {1} cancellations</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="146" />
        <source>son gönderim {0}</source>
        <translation>due by {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="152" />
        <source>gecikti</source>
        <translation>late</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="168" />
        <source>e-Arşiv raporları hazırlanıyor ve GİB'e gönderiliyor…</source>
        <translation>Preparing the e-Arşiv reports and sending them to GİB…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="189" />
        <source>Vazgeçildi; rapor gönderilmedi.</source>
        <translation>Cancelled; no report was sent.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="195" />
        <location filename="../../ui/pages/dashboard.py" line="197" />
        <source>{0} fatura</source>
        <translation>{0} invoices</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="199" />
        <source>kesilmeyi bekliyor</source>
        <translation>waiting to be issued</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="201" />
        <source>{0} fatura · indirilecek KDV {1}</source>
        <translation>{0} invoices · deductible VAT {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="207" />
        <source>Henüz kesilmiş fatura yok.</source>
        <translation>No invoices issued yet.</translation>
    </message>
</context>
<context>
    <name>DatabaseSettings</name>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="46" />
        <location filename="../../ui/widgets/database_form.py" line="75" />
        <source>Veritabanı</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="50" />
        <source>Bu bilgisayar (SQLite)</source>
        <translation>This computer (SQLite)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="52" />
        <source>Paylaşılan sunucu (PostgreSQL)</source>
        <translation>Shared server (PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="62" />
        <source>ör. kasa-sunucu ya da 192.168.1.10</source>
        <translation>e.g. till-server or 192.168.1.10</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="73" />
        <source>Sunucu</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="74" />
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="76" />
        <source>Kullanıcı</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="77" />
        <source>Adres</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="92" />
        <source>Bağlantıyı dene</source>
        <translation>Test the connection</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="96" />
        <source>Veritabanı ayarını kaydet</source>
        <translation>Save the database setting</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="119" />
        <source>Şu an kullanılan: {0}</source>
        <translation>In use now: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="121" />
        <source>(--database-url ya da TEZGAH_DATABASE_URL ile verildi; bunlar buradaki ayardan önce gelir)</source>
        <translation>(given with --database-url or TEZGAH_DATABASE_URL; these come before the setting here)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="134" />
        <source>Port bir sayı olmalı.</source>
        <translation>The port must be a number.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="170" />
        <source>Bağlanılıyor…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="186" />
        <source>Kaydedildi: {0}. Tezgâh yeniden başlatılınca kullanılır.</source>
        <translation>Saved: {0}. Tezgâh uses it once it is restarted.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="187" />
        <source>bu bilgisayardaki SQLite dosyası</source>
        <translation>the SQLite file on this computer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="197" />
        <location filename="../../ui/widgets/database_form.py" line="202" />
        <source>Yeniden başlat</source>
        <translation>Restart</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="198" />
        <source>Yeni veritabanı ayarı Tezgâh yeniden başlatılınca kullanılır. Şimdi yeniden başlatılsın mı?</source>
        <translation>The new database setting is used once Tezgâh is restarted. Restart now?</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/database_form.py" line="203" />
        <source>Sonra</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>DespatchAnswerDialog</name>
    <message>
        <location filename="../../ui/despatch/answer.py" line="38" />
        <source>Mal adı</source>
        <translation>Goods</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="39" />
        <source>İrsaliyedeki</source>
        <translation>Despatched</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="40" />
        <source>Birim</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="41" />
        <source>Teslim alınan</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="42" />
        <source>Reddedilen</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="43" />
        <source>Eksik</source>
        <translation>Short</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="44" />
        <source>Fazla</source>
        <translation>Oversupply</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="45" />
        <source>Neden / açıklama</source>
        <translation>Reason / note</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="76" />
        <source>İrsaliye yanıtı ver</source>
        <translation>Answer the despatch advice</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="80" />
        <source>{0} tarafından gönderilen {1} numaralı irsaliyede her satır için teslim aldığınız miktarı yazın. Eksik, fazla ya da reddedilen mal varsa nedenini yazın. Yanıt imzalanıp gönderene iletilir; bir kez verilir ve değiştirilemez.</source>
        <translation>For each line of despatch advice {1} sent by {0}, type the quantity you received. If goods are short, oversupplied or rejected, write why. The answer is signed and sent to the sender; it is given once and cannot be changed.</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="114" />
        <source>Not:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="117" />
        <source>Yanıtın genel notu (isteğe bağlı)</source>
        <translation>A note on the whole answer (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="130" />
        <source>Hepsi teslim alındı</source>
        <translation>All received</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="132" />
        <source>Her satırda irsaliyedeki miktarın tamamı teslim alındı; eksik, fazla ya da reddedilen yok.</source>
        <translation>Every line's despatched quantity received in full; nothing short, oversupplied or rejected.</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="137" />
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="141" />
        <location filename="../../ui/despatch/answer.py" line="273" />
        <source>Yanıtı imzala ve gönder</source>
        <translation>Sign and send the answer</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/answer.py" line="263" />
        <source>İmzalanıyor…</source>
        <translation>Signing…</translation>
    </message>
</context>
<context>
    <name>DespatchDialog</name>
    <message>
        <location filename="../../ui/despatch/form.py" line="76" />
        <source>İrsaliye taslağı</source>
        <translation>Despatch advice draft</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="76" />
        <source>Yeni irsaliye</source>
        <translation>New despatch advice</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="92" />
        <source>Senaryo</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="97" />
        <source>Tip</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="102" />
        <source>İrsaliye tarihi</source>
        <translation>Despatch advice date</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="109" />
        <source>Sevk tarihi ve saati</source>
        <translation>Date and time the goods leave</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="114" />
        <source>kâğıt irsaliyenin numarası</source>
        <translation>number of the printed despatch note</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="124" />
        <source>Matbu irsaliye</source>
        <translation>Printed despatch note</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="130" />
        <source>İDİS sevkiyat no</source>
        <translation>İDİS shipment no.</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="134" />
        <source>Alıcı (malı teslim alan)</source>
        <translation>Receiver (who takes delivery)</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="149" />
        <source>Kalemler</source>
        <translation>Lines</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="161" />
        <source>Her satır ayrı bir not</source>
        <translation>One note per line</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="163" />
        <source>Notlar</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="170" />
        <source>Kapat</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="173" />
        <source>Taslak kaydet</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/form.py" line="279" />
        <source>Taslak kaydedildi.</source>
        <translation>Draft saved.</translation>
    </message>
</context>
<context>
    <name>DespatchLines</name>
    <message>
        <location filename="../../ui/despatch/lines.py" line="25" />
        <source>Mal adı</source>
        <translation>Goods</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/lines.py" line="26" />
        <source>Miktar</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/lines.py" line="27" />
        <source>Birim</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/lines.py" line="28" />
        <source>HKS künye no</source>
        <translation>HKS künye no.</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/lines.py" line="29" />
        <source>İDİS etiket no</source>
        <translation>İDİS label no.</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/lines.py" line="61" />
        <source>Satır ekle</source>
        <translation>Add line</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/lines.py" line="65" />
        <source>Satırı sil</source>
        <translation>Delete line</translation>
    </message>
</context>
<context>
    <name>DespatchLinks</name>
    <message>
        <location filename="../../ui/pages/editor/despatch_links.py" line="39" />
        <source>İrsaliyelerden ekle</source>
        <translation>Add from despatch advices</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/despatch_links.py" line="41" />
        <source>Bu irsaliyelerin kalemlerini faturaya ekler ve faturaya irsaliye numaralarını yazar.</source>
        <translation>Adds these despatch advices' lines to the invoice and writes their numbers on it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/despatch_links.py" line="75" />
        <source>Faturalanmamış irsaliyeler: {0}</source>
        <translation>Despatch advices not yet invoiced: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/despatch_links.py" line="110" />
        <source>Faturadaki irsaliyeler: {0}</source>
        <translation>Despatch advices on this invoice: {0}</translation>
    </message>
</context>
<context>
    <name>DespatchViewDialog</name>
    <message>
        <location filename="../../ui/despatch/view.py" line="51" />
        <source>İrsaliye {0}</source>
        <translation>Despatch advice {0}</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/view.py" line="70" />
        <source>TEST — demo sertifikasıyla imzalandı; geçerli irsaliye değildir.</source>
        <translation>TEST — signed with the demo certificate; not a valid despatch advice.</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/view.py" line="84" />
        <source>PDF olarak kaydet (Ctrl+S)</source>
        <translation>Save as PDF (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/view.py" line="89" />
        <source>Kapat</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/view.py" line="98" />
        <source>PDF olarak kaydet</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/view.py" line="99" />
        <source>PDF dosyası (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/view.py" line="106" />
        <source>İrsaliye PDF olarak kaydedildi:</source>
        <translation>Despatch advice saved as PDF:</translation>
    </message>
</context>
<context>
    <name>DespatchesPage</name>
    <message>
        <location filename="../../ui/pages/despatches.py" line="33" />
        <source>Numara</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="34" />
        <source>Tarih</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="35" />
        <location filename="../../ui/pages/despatches.py" line="41" />
        <source>Alıcı</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="36" />
        <source>VKN/TCKN</source>
        <translation>VKN/TCKN</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="37" />
        <source>Durum</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="38" />
        <source>Yanıt için kalan</source>
        <translation>Left to answer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="42" />
        <source>Gönderen</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="56" />
        <source>İrsaliyeler</source>
        <translation>Despatch Advices</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="65" />
        <source>Ara: numara, alıcı, VKN/TCKN, ETTN (Ctrl+F)</source>
        <translation>Search: number, receiver, VKN/TCKN, ETTN (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="70" />
        <source>Giden irsaliyeler</source>
        <translation>Outgoing despatch advices</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="71" />
        <source>Gelen irsaliyeler</source>
        <translation>Incoming despatch advices</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="73" />
        <source>Yeni irsaliye</source>
        <translation>New despatch advice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="77" />
        <source>Faturadan irsaliye</source>
        <translation>Despatch advice from an invoice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="106" />
        <source>Kes</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="108" />
        <source>Seçilen taslakları keser: kart PIN'i bir kez sorulur.</source>
        <translation>Issues the selected drafts: the card's PIN is asked once.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="112" />
        <source>Sil (Delete)</source>
        <translation>Delete (Del)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="119" />
        <source>Aç (Enter)</source>
        <translation>Open (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="176" />
        <source>Yanıtlandı</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="179" />
        <source>Süresi doldu</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="181" />
        <source>Bugün son gün</source>
        <translation>Today is the last day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="182" />
        <source>{0} gün</source>
        <translation>{0} days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="277" />
        <source>Sil</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="115" />
        <source>Seçilen taslakları siler. Kesilmiş irsaliye silinemez: Vergi Usul Kanunu gereği saklanır.</source>
        <translation>Deletes the selected drafts. An issued despatch advice cannot be deleted: the Tax Procedure Law requires it to be kept.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="157" />
        <source>Taslak</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="171" />
        <source>{0} irsaliye</source>
        <translation>{0} despatch advice(s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="232" />
        <source>İrsaliye taslağı kaydedildi.</source>
        <translation>Despatch advice draft saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="252" />
        <source>Kesmek için taslak seçin.</source>
        <translation>Select the drafts to issue.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="259" />
        <source>{0} irsaliye kesildi: {1}</source>
        <translation>{0} despatch advice(s) issued: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="269" />
        <source>Kesilmiş irsaliye silinemez: numarası kullanılmıştır ve belge Vergi Usul Kanunu gereği saklanmalıdır.</source>
        <translation>An issued despatch advice cannot be deleted: its number is used and the Tax Procedure Law requires the document to be kept.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="273" />
        <source>Taslakları sil</source>
        <translation>Delete drafts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="274" />
        <source>{0} irsaliye taslağı silinsin mi?</source>
        <translation>Delete {0} despatch advice draft(s)?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="278" />
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/despatches.py" line="289" />
        <source>{0} irsaliye taslağı silindi.</source>
        <translation>{0} despatch advice draft(s) deleted.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../ui/wizard.py" line="194" />
        <source>Hazır</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="200" />
        <source>GİB kural paketlerini kur…</source>
        <translation>Install GİB rule packages…</translation>
    </message>
</context>
<context>
    <name>EarsivSettings</name>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="28" />
        <source>BES — yalnız imza, zaman damgası yok: rapor GİB'e gönderilemez.</source>
        <translation>BES — signature only, no time stamp: the report cannot be sent to GİB.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="30" />
        <source>T — imza ve zaman damgası: imzanın ne zaman atıldığı kanıtlanır.</source>
        <translation>T — signature and time stamp: proves when it was signed.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="32" />
        <source>A — zaman damgası, doğrulama verileri ve arşiv zaman damgası: GİB kılavuzunun istediği düzey (önerilen).</source>
        <translation>A — time stamp, validation data and archive time stamp: the level GİB's guide asks for (recommended).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="39" />
        <source>e-Arşiv raporu</source>
        <translation>e-Arşiv report</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="43" />
        <source>e-Arşiv faturaları her gün GİB'e raporlanır. Rapor mali mühür/e-imza ile imzalanır ve zaman damgası alır.</source>
        <translation>e-Arşiv invoices are reported to GİB every day. The report is signed with the company seal (mali mühür) or e-signature and gets a time stamp.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="49" />
        <source>GİB test servisi</source>
        <translation>GİB test service</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="51" />
        <source>Canlı servis / başka adres (GİB'in verdiği adresi yazın)</source>
        <translation>Live service / another address (type the address GİB gave you)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="62" />
        <source>Rapor servisi</source>
        <translation>Report service</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="70" />
        <source>Zaman damgası (TSA) adresi</source>
        <translation>Time-stamp (TSA) address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="71" />
        <source>TSA kullanıcı adı</source>
        <translation>TSA user name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="72" />
        <source>TSA parolası</source>
        <translation>TSA password</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="83" />
        <source>İmza düzeyi</source>
        <translation>Signature level</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="86" />
        <source>e-Arşiv ayarlarını kaydet</source>
        <translation>Save e-Arşiv settings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="89" />
        <source>Zaman damgası dene</source>
        <translation>Try a time stamp</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="120" />
        <source>kayıtlı (değiştirmek için yazın)</source>
        <translation>saved (type to change)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="139" />
        <source>e-Arşiv ayarları kaydedildi.</source>
        <translation>e-Arşiv settings saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="150" />
        <source>Zaman damgası isteniyor…</source>
        <translation>Requesting a time stamp…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/earsiv_settings.py" line="155" />
        <source>Zaman damgası alındı. TSA'nın saati: {0}</source>
        <translation>Time stamp received. The TSA's clock: {0}</translation>
    </message>
</context>
<context>
    <name>EmailSettings</name>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="27" />
        <source>Yok (yalnızca bu bilgisayardaki sunucu)</source>
        <translation>None (only a server on this computer)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="33" />
        <source>E-posta (SMTP)</source>
        <translation>E-mail (SMTP)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="36" />
        <source>Gönderim şekli ELEKTRONIK olan e-Arşiv faturaları, PDF'i ve imzalı XML'i ekli olarak bu sunucu üzerinden alıcıya gider.</source>
        <translation>e-Arşiv invoices delivered electronically go to the receiver through this server, with their PDF and signed XML attached.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="62" />
        <source>Sunucu</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="63" />
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="64" />
        <source>Güvenlik</source>
        <translation>Security</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="65" />
        <source>Kullanıcı adı</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="66" />
        <source>Parola</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="67" />
        <source>Gönderen adresi</source>
        <translation>Sender address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="68" />
        <source>Gönderen adı</source>
        <translation>Sender name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="69" />
        <source>CA dosyası (isteğe bağlı)</source>
        <translation>CA file (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="72" />
        <source>E-posta ayarlarını kaydet</source>
        <translation>Save e-mail settings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="75" />
        <source>Deneme e-postası gönder</source>
        <translation>Send a test e-mail</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="100" />
        <source>kayıtlı (değiştirmek için yazın)</source>
        <translation>saved (type to change)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="118" />
        <source>E-posta ayarları kaydedildi.</source>
        <translation>E-mail settings saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="130" />
        <source>Deneme e-postası gönderiliyor…</source>
        <translation>Sending a test e-mail…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/email_settings.py" line="133" />
        <source>Deneme e-postası gönderildi: {0}</source>
        <translation>Test e-mail sent: {0}</translation>
    </message>
</context>
<context>
    <name>Endpoint</name>
    <message>
        <location filename="../../ui/fmt.py" line="61" />
        <source>GİB test ortamı</source>
        <translation>GİB test system</translation>
    </message>
    <message>
        <location filename="../../ui/fmt.py" line="62" />
        <source>GİB canlı ortam</source>
        <translation>GİB live service</translation>
    </message>
    <message>
        <location filename="../../ui/fmt.py" line="63" />
        <source>Yerel GİB test simülatörü</source>
        <translation>Local GİB test simulator</translation>
    </message>
    <message>
        <location filename="../../ui/fmt.py" line="64" />
        <source>Başka bir GİB adresi</source>
        <translation>Another GİB address</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../ui/errors.py" line="40" />
        <source>Beklenmeyen bir hata oldu; işlem yapılmadı. Ayrıntı günlük dosyasına yazıldı.</source>
        <translation>An unexpected error occurred; nothing was done. Details were written to the log.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="67" />
        <source>Tezgâh</source>
        <translation>Tezgâh</translation>
    </message>
</context>
<context>
    <name>FirstStartWizard</name>
    <message>
        <location filename="../../ui/wizard.py" line="69" />
        <source>GİB kural paketleri henüz kurulu değil (GİB'in sitesine ulaşılamadı). Fatura kesmeden önce aşağıdaki düğmeyle kurun.</source>
        <extracomment>The set-up's line when GİB's packages could not be installed (the Done page offers them).</extracomment>
        <translation>GİB's rule packages are not installed yet (GİB's site could not be reached). Install them with the button below before issuing an invoice.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="214" />
        <location filename="../../ui/wizard.py" line="324" />
        <source>Tezgâh — ilk kurulum</source>
        <translation>Tezgâh — first start</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="226" />
        <source>İleri &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="227" />
        <source>&lt; Geri</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="228" />
        <source>Başla</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="229" />
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="248" />
        <source>Veritabanı</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="325" />
        <source>Kurulum bitmedi. Tezgâh kapatılsın mı?</source>
        <translation>Setup is not finished. Close Tezgâh?</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="253" />
        <location filename="../../ui/wizard.py" line="329" />
        <source>Kapat</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="330" />
        <source>Kuruluma dön</source>
        <translation>Back to setup</translation>
    </message>
</context>
<context>
    <name>FolderWatch</name>
    <message>
        <location filename="../../ui/folder_watch.py" line="49" />
        <source>Klasörden {0} taslak geldi</source>
        <translation>{0} draft(s) came from the folder</translation>
    </message>
    <message>
        <location filename="../../ui/folder_watch.py" line="51" />
        <source>{0} dosya hatalı: {1}</source>
        <translation>{0} file(s) refused: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/folder_watch.py" line="54" />
        <source>{0} dosya işlenemedi, yeniden denenecek: {1}</source>
        <translation>{0} file(s) could not be processed; tried again: {1}</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="29" />
        <source>İçe aktarma önizlemesi</source>
        <translation>Import preview</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="33" />
        <source>{0} satır okundu; {1} satır aktarılacak, {2} satırda hata var (aktarılmayacak).</source>
        <translation>{0} rows read; {1} will be imported, {2} have errors (not imported).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="40" />
        <source>Satır</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="41" />
        <source>Durum</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="46" />
        <source>Uygun</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="57" />
        <source>{0} kaydı aktar</source>
        <translation>Import {0} records</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="59" />
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <location filename="../../ui/pages/inbox.py" line="54" />
        <source>Gelen Kutusu</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="68" />
        <source>Aç (Enter)</source>
        <translation>Open (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="74" />
        <source>Yenile (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="85" />
        <location filename="../../ui/pages/inbox.py" line="99" />
        <source>Gönderen</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="85" />
        <source>Fatura No</source>
        <translation>Invoice no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="85" />
        <source>Tarih</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="85" />
        <source>Tutar</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="86" />
        <source>Senaryo</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="86" />
        <source>İmza</source>
        <translation>Signing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="86" />
        <source>Yanıt</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="86" />
        <source>Son yanıt günü</source>
        <translation>Answer by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="94" />
        <source>Faturalar</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="99" />
        <source>Geliş</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="99" />
        <source>Tür</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="99" />
        <source>Belge</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="100" />
        <source>Kod</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="100" />
        <source>Açıklama</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="106" />
        <source>Zarflar</source>
        <translation>Envelopes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="109" />
        <source>TICARIFATURA senaryosundaki faturalar, geldikleri günden sonraki 8 gün içinde KABUL ya da RED ile bir kez yanıtlanabilir. Faturayı açıp yanıtlayın.</source>
        <translation>Invoices in the TICARIFATURA scenario can be answered once, with KABUL (accept) or RED (reject), within 8 days after they arrive. Open the invoice to answer it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="140" />
        <source>Gelen fatura yok.</source>
        <translation>No incoming invoices.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="142" />
        <source>{0} fatura, {1} okunmamış.</source>
        <translation>{0} invoices, {1} unread.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="144" />
        <source>{0} fatura yanıt bekliyor.</source>
        <translation>{0} invoices await an answer.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="162" />
        <source>Geçerli</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="162" />
        <source>GEÇERSİZ</source>
        <translation>INVALID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="201" />
        <source>{0} (süresi doldu)</source>
        <translation>{0} (deadline passed)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="203" />
        <source>{0} (bugün son gün)</source>
        <translation>{0} (last day today)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="204" />
        <source>{0} ({1} gün kaldı)</source>
        <translation>{0} ({1} days left)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="207" />
        <source>{0}: {1} tarihinde verildi.</source>
        <translation>{0}: given on {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/inbox.py" line="210" />
        <source>Gerekçe: {0}</source>
        <translation>Reason: {0}</translation>
    </message>
</context>
<context>
    <name>IncomingInvoiceDialog</name>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="74" />
        <source>Gelen fatura {0}</source>
        <translation>Incoming invoice {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="91" />
        <source>Gönderen: {0} (VKN/TCKN {1})</source>
        <translation>Sender: {0} (VKN/TCKN {1})</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="116" />
        <source>Gönderenin hazırladığı görünüm gösterilmedi; fatura Tezgâh'ın kendi görünümüyle gösteriliyor. Faturanın bilgileri değişmedi.</source>
        <translation>The sender's own view was not shown; the invoice is shown in Tezgâh's view. The invoice's data is unchanged.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="129" />
        <source>Gönderenin görünümü</source>
        <translation>Sender's view</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="131" />
        <source>Satırlar ({0})</source>
        <translation>Lines ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="134" />
        <source>Zaman</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="134" />
        <source>Kod</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="135" />
        <source>Olay</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="139" />
        <source>Geçmiş</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="144" />
        <source>Yazdır (Ctrl+P)</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="147" />
        <source>PDF kaydet (Ctrl+S)</source>
        <translation>Save PDF (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="150" />
        <source>Aslını kaydet (XML)</source>
        <translation>Save original (XML)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="152" />
        <source>Gönderenin imzaladığı XML, bayt bayt aynısı</source>
        <translation>The XML the sender signed, byte for byte</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="154" />
        <source>KABUL et</source>
        <translation>Accept (KABUL)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="157" />
        <source>REDDET</source>
        <translation>Reject (RED)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="164" />
        <source>Kapat</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="178" />
        <source>Mal / hizmet</source>
        <translation>Goods / service</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="178" />
        <source>Miktar</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="178" />
        <source>Birim</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="178" />
        <source>Birim fiyat</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="179" />
        <source>KDV %</source>
        <translation>VAT %</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="179" />
        <source>Tutar (KDV hariç)</source>
        <translation>Amount (excl. VAT)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="179" />
        <source>KDV</source>
        <translation>VAT</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="204" />
        <source>Geçmiş ({0})</source>
        <translation>History ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="211" />
        <source>Yalnızca TICARIFATURA senaryosundaki faturalar KABUL/RED ile yanıtlanır; bu fatura {0}.</source>
        <translation>Only invoices in the TICARIFATURA scenario are answered with KABUL/RED; this invoice is {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="214" />
        <source>Bu faturaya {0} tarihinde {1} yanıtı verildi; yanıt bir kez verilir ve değiştirilemez.</source>
        <translation>This invoice was answered {1} on {0}; an answer is given once and cannot be changed.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="219" />
        <source>Yanıt süresi {0} tarihinde doldu (fatura geldikten sonra 8 gün); artık sistem üzerinden KABUL/RED verilemez.</source>
        <translation>The time to answer ended on {0} (8 days after the invoice arrived); KABUL/RED can no longer be given through the system.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="231" />
        <source>Yanıt: {0} ({1}).</source>
        <translation>Answer: {0} ({1}).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="234" />
        <source>Gerekçe: {0}</source>
        <translation>Reason: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="238" />
        <source>Son yanıt günü: {0} ({1} gün kaldı).</source>
        <translation>Answer by: {0} ({1} days left).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="269" />
        <source>PDF olarak kaydet</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="270" />
        <source>PDF dosyası (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="272" />
        <source>Fatura PDF olarak kaydedildi:</source>
        <translation>The invoice was saved as PDF:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="276" />
        <source>Faturanın aslını kaydet</source>
        <translation>Save the invoice's original</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="277" />
        <source>XML dosyası (*.xml)</source>
        <translation>XML file (*.xml)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="279" />
        <source>Faturanın imzalı aslı kaydedildi:</source>
        <translation>The invoice's signed original was saved:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/incoming_invoice.py" line="294" />
        <source>Faturayı yazdır</source>
        <translation>Print invoice</translation>
    </message>
</context>
<context>
    <name>InternetSaleBox</name>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="47" />
        <source>İnternet satışı</source>
        <translation>Internet sale</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="52" />
        <source>İnternetten yapılan satışta e-Arşiv faturasına satışın yapıldığı web adresi, ödeme bilgileri ve mal kargoyla gönderiliyorsa taşıyıcı firma yazılır.</source>
        <translation>For a sale made on the internet, the e-Arşiv invoice carries the web address of the sale, the payment and, when goods are shipped, the carrier.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="72" />
        <source>Web adresi</source>
        <translation>Web address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="75" />
        <source>Seçin</source>
        <translation>Choose</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="76" />
        <source>Kredi/banka kartı</source>
        <translation>Credit/debit card</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="77" />
        <source>EFT/havale</source>
        <translation>Bank transfer (EFT)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="78" />
        <source>Kapıda ödeme</source>
        <translation>Cash on delivery</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="79" />
        <source>Diğer</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="80" />
        <source>Ödeme şekli</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="82" />
        <source>Ödeme tarihi</source>
        <translation>Payment date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="85" />
        <source>Ödeme şekli Diğer ise ne olduğu</source>
        <translation>What the payment was, if Other</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="86" />
        <source>Ödeme açıklaması</source>
        <translation>Payment note</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="90" />
        <source>Mal kargoyla gönderiliyorsa</source>
        <translation>If the goods are shipped</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="91" />
        <source>Taşıyıcı (kargo) firma</source>
        <translation>Carrier (cargo company)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="95" />
        <source>Taşıyıcı VKN/TCKN</source>
        <translation>Carrier VKN/TCKN</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="100" />
        <source>Taşıyıcı ilçe</source>
        <translation>Carrier district</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="104" />
        <source>Taşıyıcı il</source>
        <translation>Carrier province</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/internet_sale.py" line="106" />
        <source>Kargoya veriliş tarihi</source>
        <translation>Shipment date</translation>
    </message>
</context>
<context>
    <name>InvoiceEditor</name>
    <message>
        <location filename="../../ui/pages/editor/page.py" line="58" />
        <source>Yeni Fatura</source>
        <translation>New Invoice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/page.py" line="98" />
        <source>Satır ekle</source>
        <translation>Add line</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/page.py" line="100" />
        <source>Faturaya yeni bir kalem satırı ekler; tabloda Enter da yeni satıra geçer.</source>
        <translation>Adds a new line to the invoice; Enter in the table also moves to a new line.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/page.py" line="121" />
        <source>Temizle</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/page.py" line="124" />
        <source>Taslak kaydet (Ctrl+S)</source>
        <translation>Save draft (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/page.py" line="127" />
        <source>Faturayı kes (Ctrl+Enter)</source>
        <translation>Issue invoice (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/page.py" line="372" />
        <location filename="../../ui/pages/editor/page.py" line="421" />
        <source>Taslak kaydedildi.</source>
        <translation>Draft saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/page.py" line="373" />
        <source>Taslak bu bilgisayarda saklandı (eksikler var).</source>
        <translation>Draft kept on this computer (something is still missing).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/page.py" line="381" />
        <source>Yarım kalan fatura geri yüklendi.</source>
        <translation>The unfinished invoice was restored.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/page.py" line="439" />
        <source>Kaydediliyor…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/page.py" line="445" />
        <source>İmzalanıyor ve GİB kurallarıyla denetleniyor…</source>
        <translation>Signing and checking against GİB's rules…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/page.py" line="451" />
        <source>{0} numaralı fatura kesildi.</source>
        <translation>Invoice {0} issued.</translation>
    </message>
</context>
<context>
    <name>InvoiceHeader</name>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="55" />
        <source>Müşteri: ad, VKN ya da TCKN yazın</source>
        <translation>Customer: type a name, VKN or TCKN</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="62" />
        <source>Yeni müşteri (Ctrl+M)</source>
        <translation>New customer (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="68" />
        <location filename="../../ui/pages/editor/header.py" line="197" />
        <location filename="../../ui/pages/editor/header.py" line="266" />
        <source>Müşteri seçilmedi.</source>
        <translation>No customer chosen.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="83" />
        <source>Senaryo</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="86" />
        <source>Tip</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="91" />
        <source>Tarih</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="97" />
        <source>Kur</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="104" />
        <source>Para birimi</source>
        <translation>Currency</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="118" />
        <source>İade edilen fatura</source>
        <translation>Returned invoice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="123" />
        <source>boş: firmanın IBAN'ı</source>
        <translation>empty: the company's IBAN</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="124" />
        <source>Ödeme IBAN'ı (kamu)</source>
        <translation>Payment IBAN (public body)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="131" />
        <source>Müşteriye göre (e-postası varsa ELEKTRONİK)</source>
        <translation>By customer (electronic if they have an e-mail address)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="132" />
        <source>ELEKTRONİK (e-posta)</source>
        <translation>Electronic (e-mail)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="133" />
        <source>KAĞIT</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="134" />
        <source>Gönderim şekli</source>
        <translation>Delivery method</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="207" />
        <source>e-Fatura mükellefi · {0}</source>
        <translation>e-Fatura user · {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="208" />
        <source>e-Fatura mükellefi değil → e-Arşiv</source>
        <translation>not an e-Fatura user → e-Arşiv</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/header.py" line="262" />
        <source>Bu senaryoda fatura Gümrük ve Ticaret Bakanlığına (VKN {0}) kesilir; Tezgâh yazar. Alıcıyı aşağıdaki bölüme yazın.</source>
        <translation>In this scenario the invoice is addressed to the Ministry of Customs and Trade (VKN {0}); Tezgâh fills it in. Write the buyer in the section below.</translation>
    </message>
</context>
<context>
    <name>InvoicePickDialog</name>
    <message>
        <location filename="../../ui/despatch/invoice_pick.py" line="43" />
        <source>Faturadan irsaliye</source>
        <translation>Despatch advice from an invoice</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/invoice_pick.py" line="48" />
        <source>Ara: numara, müşteri, VKN/TCKN</source>
        <translation>Search: number, customer, VKN/TCKN</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/invoice_pick.py" line="53" />
        <source>Numara</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/invoice_pick.py" line="53" />
        <source>Tarih</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/invoice_pick.py" line="54" />
        <source>Müşteri</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/invoice_pick.py" line="54" />
        <source>Durum</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/invoice_pick.py" line="64" />
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/invoice_pick.py" line="67" />
        <source>İrsaliye hazırla</source>
        <translation>Prepare despatch advice</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/invoice_pick.py" line="86" />
        <source>Taslak</source>
        <translation>Draft</translation>
    </message>
</context>
<context>
    <name>InvoiceTableModel</name>
    <message>
        <location filename="../../ui/models/invoices.py" line="35" />
        <source>Numara</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="36" />
        <source>Tarih</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="37" />
        <source>Müşteri</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="38" />
        <source>Senaryo</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="39" />
        <source>Tip</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="40" />
        <source>Ödenecek</source>
        <translation>Payable</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="41" />
        <source>Durum</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="116" />
        <source>{0} — İMZA GEÇERSİZ</source>
        <translation>{0} — SIGNATURE NOT VALID</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="117" />
        <source>(taslak)</source>
        <translation>(draft)</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="140" />
        <source>İmza geçerli</source>
        <translation>Signature valid</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="141" />
        <source>İMZA GEÇERSİZ: ayrıntı için faturayı açın</source>
        <translation>SIGNATURE NOT VALID: open the invoice for details</translation>
    </message>
</context>
<context>
    <name>InvoiceViewDialog</name>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="82" />
        <source>Fatura {0}</source>
        <translation>Invoice {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="82" />
        <source>taslak</source>
        <translation>draft</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="86" />
        <source>Taslak</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="128" />
        <source>TEST — demo sertifikasıyla imzalandı; geçerli fatura değildir.</source>
        <translation>TEST — signed with the demo certificate; not a valid invoice.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="142" />
        <location filename="../../ui/dialogs/invoice_view.py" line="304" />
        <source>Önizleme</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="149" />
        <source>Gönderenin görünümü</source>
        <translation>Sender's view</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="153" />
        <source>Zaman</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="153" />
        <source>Kod</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="153" />
        <source>Olay</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="161" />
        <source>Geçmiş ({0})</source>
        <translation>History ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="166" />
        <source>Yazdır (Ctrl+P)</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="169" />
        <source>PDF kaydet (Ctrl+S)</source>
        <translation>Save PDF (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="175" />
        <source>İade faturası oluştur</source>
        <translation>Create return invoice</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="181" />
        <source>İptal et…</source>
        <translation>Cancel invoice…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="188" />
        <location filename="../../ui/dialogs/invoice_view.py" line="207" />
        <location filename="../../ui/dialogs/invoice_view.py" line="247" />
        <source>E-postayı yeniden gönder</source>
        <translation>Resend e-mail</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="193" />
        <source>Kapat</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="208" />
        <source>Fatura (PDF ve imzalı XML) bu adrese gönderilecek:</source>
        <translation>The invoice (PDF and signed XML) will be sent to this address:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="211" />
        <source>Gönder</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="212" />
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="223" />
        <source>E-posta gönderiliyor…</source>
        <translation>Sending e-mail…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="231" />
        <source>E-posta gönderildi: {0}</source>
        <translation>E-mail sent: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="232" />
        <source>E-posta giden kutusunda, gönderilecek: {0}</source>
        <translation>The e-mail is in the outbox, to be sent to: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="259" />
        <source>İPTAL: {0} tarihinde iptal edildi{1}. Neden: {2}</source>
        <translation>CANCELLED: cancelled on {0}{1}. Reason: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="272" />
        <source>e-Fatura iptali</source>
        <translation>e-Fatura cancellation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="273" />
        <source>Kaynak: {0}</source>
        <translation>Source: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="311" />
        <source>Gönderenin hazırladığı görünüm açılamadı; fatura Tezgâh'ın kendi görünümüyle gösteriliyor. Faturanın bilgileri değişmedi.</source>
        <translation>The sender's own view of this invoice could not be opened; it is shown in Tezgâh's view instead. The invoice itself is unchanged.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="313" />
        <source>Gönderenin hazırladığı görünüm güvenlik için gösterilmedi; fatura Tezgâh'ın kendi görünümüyle gösteriliyor. Faturanın bilgileri değişmedi.</source>
        <translation>For safety, the sender's own view of this invoice was not shown; it is shown in Tezgâh's view instead. The invoice itself is unchanged.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="334" />
        <source>Bu faturanın PDF'i yok.</source>
        <translation>This invoice has no PDF.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="335" />
        <source>PDF önizlemesi hazırlanamadı; ayrıntı günlük dosyasına yazıldı. "Gönderenin görünümü" sekmesine bakın.</source>
        <translation>The PDF preview could not be made; details were written to the log. See the "Sender's view" tab.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="363" />
        <source>Faturayı yazdır</source>
        <translation>Print invoice</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="375" />
        <source>PDF olarak kaydet</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="376" />
        <source>PDF dosyası (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoice_view.py" line="380" />
        <source>Fatura PDF olarak kaydedildi:</source>
        <translation>The invoice was saved as PDF:</translation>
    </message>
</context>
<context>
    <name>InvoicesPage</name>
    <message>
        <location filename="../../ui/pages/invoices.py" line="39" />
        <source>Tüm tarihler</source>
        <translation>All dates</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="39" />
        <source>Bu ay</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="40" />
        <source>Geçen ay</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="40" />
        <source>Bu yıl</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="41" />
        <source>Son 30 gün</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="42" />
        <source>Tarih aralığı</source>
        <translation>Date range</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="61" />
        <source>Faturalar</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="76" />
        <source>Ara: numara, müşteri, VKN/TCKN, ETTN, tutar (Ctrl+F)</source>
        <translation>Search: number, customer, VKN/TCKN, ETTN, amount (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="91" />
        <source>Kesilen faturalar</source>
        <translation>Issued invoices</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="92" />
        <source>Gelen faturalar</source>
        <translation>Received invoices</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="96" />
        <source>Tüm durumlar</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="102" />
        <source>Tüm senaryolar</source>
        <translation>All profiles</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="107" />
        <source>Tüm tipler</source>
        <translation>All types</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="141" />
        <source>Seçilen taslakları kes (Ctrl+K)</source>
        <translation>Issue selected drafts (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="144" />
        <source>Seçilenleri PDF olarak kaydet… (Ctrl+Shift+S)</source>
        <translation>Save selected as PDF… (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="147" />
        <source>Sil (Delete)</source>
        <translation>Delete (Del)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="150" />
        <source>Seçilen taslakları siler. Kesilmiş fatura silinemez: numarası kullanılmıştır ve belge Vergi Usul Kanunu gereği saklanmalıdır.</source>
        <translation>Deletes the selected drafts. An issued invoice cannot be deleted: its number is used and the Tax Procedure Law requires the document to be kept.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="154" />
        <source>Aç (Enter)</source>
        <translation>Open (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="157" />
        <source>Muhasebeci için dışa aktar…</source>
        <translation>Export for the accountant…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="169" />
        <source>Geri al</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="230" />
        <source>{0} fatura</source>
        <translation>{0} invoices</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="263" />
        <source>{0} fatura kesildi.</source>
        <translation>{0} invoices issued.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="275" />
        <source>Kesilmiş fatura silinemez: numarası kullanılmıştır ve belge Vergi Usul Kanunu gereği saklanmalıdır. Düzeltmek için iade faturası kesin.</source>
        <translation>An issued invoice cannot be deleted: its number is used and the Tax Procedure Law requires the document to be kept. Issue a return invoice to correct it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="278" />
        <source>{0} taslak silinsin mi?</source>
        <translation>Delete {0} draft(s)?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="281" />
        <source>Seçilen {0} kesilmiş fatura silinmeyecek: numarası kullanılmıştır ve belge saklanmalıdır.</source>
        <translation>The {0} selected issued invoice(s) will not be deleted: the number is used and the document must be kept.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="284" />
        <source>Taslakları sil</source>
        <translation>Delete drafts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="287" />
        <source>Sil</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="288" />
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="297" />
        <source>{0} taslak silindi.</source>
        <translation>{0} draft(s) deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="311" />
        <source>{0} taslak geri alındı.</source>
        <translation>{0} draft(s) restored.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="324" />
        <source>PDF'lerin klasörü</source>
        <translation>Folder for the PDFs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invoices.py" line="332" />
        <source>{0} PDF yazıldı: {1}</source>
        <translation>{0} PDFs written: {1}</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <location filename="../../ui/models/lines.py" line="32" />
        <source>Mal / hizmet</source>
        <translation>Goods / service</translation>
    </message>
    <message>
        <location filename="../../ui/models/lines.py" line="33" />
        <source>Miktar</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../ui/models/lines.py" line="34" />
        <source>Birim</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/models/lines.py" line="35" />
        <source>Birim fiyat</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <location filename="../../ui/models/lines.py" line="36" />
        <source>İsk. %</source>
        <translation>Disc. %</translation>
    </message>
    <message>
        <location filename="../../ui/models/lines.py" line="37" />
        <source>KDV %</source>
        <translation>VAT %</translation>
    </message>
    <message>
        <location filename="../../ui/models/lines.py" line="38" />
        <source>Tevkifat</source>
        <translation>Withholding</translation>
    </message>
    <message>
        <location filename="../../ui/models/lines.py" line="39" />
        <source>İstisna</source>
        <translation>Exemption</translation>
    </message>
    <message>
        <location filename="../../ui/models/lines.py" line="41" />
        <source>Konaklama V. %</source>
        <translation>Accom. tax %</translation>
    </message>
    <message>
        <location filename="../../ui/models/lines.py" line="46" />
        <source>Tutar</source>
        <translation>Amount</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.py" line="40" />
        <source>Özet</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="41" />
        <source>Faturalar</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="42" />
        <source>Yeni Fatura</source>
        <translation>New Invoice</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="43" />
        <source>İrsaliyeler</source>
        <translation>Despatch Advices</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="44" />
        <source>Müşteriler</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="45" />
        <source>Ürünler</source>
        <translation>Products</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="46" />
        <source>Giden Kutusu</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="47" />
        <source>Gelen Kutusu</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="48" />
        <source>Ayarlar</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="77" />
        <source>Tezgâh</source>
        <translation>Tezgâh</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="77" />
        <source> — TEST (deneme modu)</source>
        <translation> — TEST (trial mode)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="85" />
        <source>TEST — deneme modu: TEST sertifikasıyla imzalanır, yerel GİB test simülatörüne gönderilir. Kesilen faturalar geçerli değildir.</source>
        <translation>TEST — trial mode: signed with a TEST certificate, sent to the local GİB test simulator. Invoices issued are not valid.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="128" />
        <source> TEST </source>
        <translation> TEST </translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="138" />
        <location filename="../../ui/mainwindow.py" line="299" />
        <source>● GİB: bağlantı denenmedi</source>
        <translation>● GİB: not tried yet</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="142" />
        <source>Çalışıyor…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="279" />
        <source>{0} okunmamış gelen fatura</source>
        <translation>{0} unread incoming invoices</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="297" />
        <source>● GİB: çevrimiçi</source>
        <translation>● GİB: online</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="298" />
        <source>● GİB: çevrimdışı — faturalar kutuda bekliyor</source>
        <translation>● GİB: offline — invoices wait in the box</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="364" />
        <source>Yedek alındı ve doğrulandı.</source>
        <translation>Backup made and verified.</translation>
    </message>
</context>
<context>
    <name>NextSteps</name>
    <message>
        <location filename="../../ui/widgets/next_steps.py" line="28" />
        <source>e-Fatura Giden Kutusu'na girer ve internet olduğunda GİB'e kendiliğinden gönderilir; sonucu Giden Kutusu'nda ve faturanın geçmişinde görünür.</source>
        <translation>An e-Fatura goes into the Outbox and is sent to GİB by itself when the internet is there; the result shows in the Outbox and in the invoice's history.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/next_steps.py" line="32" />
        <source>e-Arşiv faturası GİB'e gönderilmez ve Giden Kutusu'na girmez; yazdırıp ya da PDF'ini göndererek müşteriye verin.</source>
        <translation>An e-Arşiv invoice is not sent to GİB and does not go into the Outbox; give it to the customer printed or as a PDF.</translation>
    </message>
</context>
<context>
    <name>NextStepsPanel</name>
    <message>
        <location filename="../../ui/widgets/next_steps.py" line="75" />
        <source>Alıcının posta kutusu etiketi:</source>
        <translation>Receiver's mailbox alias:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/next_steps.py" line="84" />
        <source>Alıcı etiketini düzelt ve yeniden gönder</source>
        <translation>Fix the receiver's alias and send again</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/next_steps.py" line="85" />
        <source>Yeni zarfla yeniden gönder</source>
        <translation>Send again in a new envelope</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/next_steps.py" line="86" />
        <source>Düzeltip yeni fatura olarak kes</source>
        <translation>Correct and issue as a new invoice</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/next_steps.py" line="87" />
        <source>e-Arşiv olarak yeniden kes</source>
        <translation>Issue again as e-Arşiv</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/next_steps.py" line="88" />
        <source>İade faturası kes</source>
        <translation>Issue a return invoice</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/next_steps.py" line="89" />
        <source>Çözüldü olarak işaretle</source>
        <translation>Mark as handled</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/next_steps.py" line="129" />
        <source>Yapılıyor…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/next_steps.py" line="135" />
        <source>Aynı fatura yeni bir zarfla gönderilmek üzere Giden Kutusu'na alındı.</source>
        <translation>The same invoice is in the Outbox, to be sent in a new envelope.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/next_steps.py" line="141" />
        <source>Çözüldü olarak işaretlendi; Giden Kutusu bu faturayı artık saymıyor.</source>
        <translation>Marked as handled; the Outbox no longer counts this invoice.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/next_steps.py" line="159" />
        <source>Yeni taslak oluşturuldu; Yeni Fatura sayfasında düzenleyip kesebilirsiniz.</source>
        <translation>A new draft was made; edit and issue it on the New Invoice page.</translation>
    </message>
</context>
<context>
    <name>OutboxPage</name>
    <message>
        <location filename="../../ui/pages/outbox.py" line="38" />
        <source>Giden Kutusu</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox.py" line="47" />
        <source>Şimdi gönder (Ctrl+G)</source>
        <translation>Send now (Ctrl+G)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox.py" line="55" />
        <source>Numara</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox.py" line="55" />
        <source>Müşteri</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox.py" line="56" />
        <source>Durum</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox.py" line="56" />
        <source>Neden / ne oluyor</source>
        <translation>Why / what happens</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox.py" line="57" />
        <source>Deneme</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox.py" line="57" />
        <source>Sonraki deneme</source>
        <translation>Next attempt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox.py" line="112" />
        <source>{0} faturayı GİB reddetti; satırı seçip ne yapılacağını seçin.</source>
        <translation>GİB refused {0} invoices; select a row and choose what to do.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox.py" line="108" />
        <source>{0} fatura gönderilmeyi bekliyor.</source>
        <translation>{0} invoices waiting to be sent.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox.py" line="109" />
        <source>Gönderilmeyi bekleyen fatura yok.</source>
        <translation>No invoice is waiting to be sent.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox.py" line="110" />
        <source>Bekleyen fatura yok; her şey GİB'e ulaştı.</source>
        <translation>Nothing waiting; everything reached GİB.</translation>
    </message>
</context>
<context>
    <name>PartyForm</name>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="47" />
        <source>Gönderici birim (GB) etiketi</source>
        <translation>Sender unit (GB) alias</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="49" />
        <source>GİB'deki e-Fatura adresinizin gönderici birim (GB) etiketi: faturalarınız bu etiketten gönderilir (örnek urn:mail:defaultgb@firmaniz.com.tr).</source>
        <translation>The sender unit (GB) alias of your e-Fatura address at GİB: your invoices are sent from it (e.g. urn:mail:defaultgb@yourcompany.com.tr).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="53" />
        <source>Posta kutusu (PK) etiketi</source>
        <translation>Mailbox (PK) alias</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="55" />
        <source>Alıcının GİB'deki e-Fatura posta kutusu (PK) etiketi: e-Fatura bu etikete gönderilir. Boş bırakılırsa GİB'in kayıtlı kullanıcı listesinden alınır.</source>
        <translation>The receiver's e-Fatura mailbox (PK) alias at GİB: the e-Fatura is sent to it. Left empty, it is taken from GİB's registered user list.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="58" />
        <source>VKN / TCKN</source>
        <translation>VKN / TCKN</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="60" />
        <source>Unvan (şirket)</source>
        <translation>Title (company)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="61" />
        <source>Ad (kişi)</source>
        <translation>First name (person)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="62" />
        <source>Soyad (kişi)</source>
        <translation>Family name (person)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="63" />
        <source>Vergi dairesi</source>
        <translation>Tax office</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="65" />
        <source>Cadde / sokak</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="66" />
        <source>Bina no</source>
        <translation>Building no.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="67" />
        <source>İlçe</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="68" />
        <source>İl</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="69" />
        <source>Posta kodu</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="71" />
        <source>E-posta</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="72" />
        <source>Telefon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/party_form.py" line="73" />
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/pin.py" line="27" />
        <source>PIN girin</source>
        <translation>Enter PIN</translation>
    </message>
    <message>
        <location filename="../../ui/pin.py" line="30" />
        <source>İmzalamak için kartın PIN'ini yazın:</source>
        <translation>Type the card's PIN to sign:</translation>
    </message>
    <message>
        <location filename="../../ui/pin.py" line="48" />
        <source>İmzala</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../ui/pin.py" line="49" />
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <location filename="../../ui/pages/catalog.py" line="212" />
        <source>Ürün</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="212" />
        <source>Yeni ürün</source>
        <translation>New product</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="228" />
        <source>Ad</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="229" />
        <source>Birim</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="230" />
        <source>Birim fiyat (KDV hariç)</source>
        <translation>Unit price (excl. VAT)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="231" />
        <source>KDV oranı</source>
        <translation>VAT rate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="232" />
        <source>Ürün kodu</source>
        <translation>Product code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="244" />
        <source>Kaydet</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="245" />
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="255" />
        <source>Bu ürünü değiştirmek için bir ürün kodu yazın (ör. stok kodu); kodsuz kayıt yeni ürün olur.</source>
        <translation>To change this product, give it a product code (e.g. a stock code); without one, saving adds a new product.</translation>
    </message>
</context>
<context>
    <name>ProductsPage</name>
    <message>
        <location filename="../../ui/pages/catalog.py" line="273" />
        <source>Ürünler</source>
        <translation>Products</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="275" />
        <source>Ad</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="275" />
        <source>Birim</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="276" />
        <source>Birim fiyat</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <location filename="../../ui/pages/catalog.py" line="276" />
        <source>Kod</source>
        <translation>Code</translation>
    </message>
</context>
<context>
    <name>ReceiptPanel</name>
    <message>
        <location filename="../../ui/despatch/receipt_panel.py" line="28" />
        <source>Mal adı</source>
        <translation>Goods</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/receipt_panel.py" line="29" />
        <source>Gönderilen</source>
        <translation>Despatched</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/receipt_panel.py" line="30" />
        <source>Birim</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/receipt_panel.py" line="31" />
        <source>Teslim alınan</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/receipt_panel.py" line="32" />
        <source>Kabul edilen</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/receipt_panel.py" line="33" />
        <source>Reddedilen</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/receipt_panel.py" line="34" />
        <source>Eksik</source>
        <translation>Short</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/receipt_panel.py" line="35" />
        <source>Fazla</source>
        <translation>Oversupply</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/receipt_panel.py" line="36" />
        <source>Neden / açıklama</source>
        <translation>Reason / note</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/receipt_panel.py" line="61" />
        <source>İrsaliye yanıtı ver</source>
        <translation>Answer the despatch advice</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/receipt_panel.py" line="86" />
        <source>Bu irsaliyeye {0} tarihine kadar yanıt verebilirsiniz (teslim alınan, eksik, fazla ya da reddedilen mallar).</source>
        <translation>You may answer this despatch advice until {0} (goods received, short, oversupplied or rejected).</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/receipt_panel.py" line="89" />
        <source>Bu irsaliyeye yanıt verildi: {0} ({1}). İrsaliye yanıtı bir kez verilir.</source>
        <translation>This despatch advice was answered: {0} ({1}). A receipt advice is given once.</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/receipt_panel.py" line="93" />
        <source>Yanıt süresi doldu: son gün {0} idi (irsaliye alındıktan sonra 7 gün). Bu irsaliyeye artık sistem üzerinden yanıt verilemez.</source>
        <translation>The time to answer is over: the last day was {0} (7 days after the despatch advice arrived). This despatch advice can no longer be answered through the system.</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/receipt_panel.py" line="105" />
        <source>Alıcının irsaliye yanıtı: {0}</source>
        <translation>The receiver's receipt advice: {0}</translation>
    </message>
</context>
<context>
    <name>ReceiverBox</name>
    <message>
        <location filename="../../ui/despatch/receiver.py" line="31" />
        <source>Kayıtlı müşteri: ad, VKN ya da TCKN yazın</source>
        <translation>Saved customer: type a name, VKN or TCKN</translation>
    </message>
</context>
<context>
    <name>RulesInstallDialog</name>
    <message>
        <location filename="../../ui/dialogs/rules_install.py" line="60" />
        <source>GİB kural paketleri</source>
        <translation>GİB's rule packages</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rules_install.py" line="64" />
        <source>Faturalar kesilmeden önce GİB'in kurallarıyla denetlenir. Bunun için GİB'in iki paketi gerekir: UBL-TR1.2.1_Paketi.zip ve e-FaturaPaketi.zip. GİB'in sitesinden indirin ya da elinizdeki zip dosyasını veya ikisini tutan klasörü seçin.</source>
        <translation>Before an invoice is issued it is checked with GİB's rules. That takes GİB's two packages: UBL-TR1.2.1_Paketi.zip and e-FaturaPaketi.zip. Download them from GİB's site, or choose the zip files you have or the folder holding both.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rules_install.py" line="71" />
        <source>GİB'in sitesinden indir</source>
        <translation>Download from GİB's site</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rules_install.py" line="74" />
        <source>Zip dosyası seç…</source>
        <translation>Choose zip file…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rules_install.py" line="77" />
        <source>Klasör seç…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rules_install.py" line="97" />
        <source>Kapat</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rules_install.py" line="120" />
        <source>GİB'in sitesinden indiriliyor ve kuruluyor…</source>
        <translation>Downloading from GİB's site and installing…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rules_install.py" line="125" />
        <source>GİB paketleri (zip)</source>
        <translation>GİB's packages (zip)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rules_install.py" line="131" />
        <source>GİB paketlerinin klasörü</source>
        <translation>Folder of the GİB packages</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rules_install.py" line="136" />
        <source>Kuruluyor…</source>
        <translation>Installing…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rules_install.py" line="144" />
        <source>Paketlerden biri kuruldu. Şimdi diğerini de seçin (UBL-TR1.2.1_Paketi.zip ve e-FaturaPaketi.zip ikisi de gerekir).</source>
        <translation>One of the packages is installed. Now choose the other one too (both UBL-TR1.2.1_Paketi.zip and e-FaturaPaketi.zip are needed).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rules_install.py" line="150" />
        <source>Kuruldu. Faturalar artık GİB'in kurallarıyla denetlenebilir.</source>
        <translation>Installed. Invoices can now be checked with GİB's rules.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rules_install.py" line="170" />
        <source>GİB'in sitesinden indirilemedi. İnternet bağlantınızı (ve varsa vekil sunucu ayarını) denetleyip yeniden deneyin ya da zip dosyalarını başka bir yoldan edinip 'Zip dosyası seç…' ile kurun.</source>
        <translation>Could not download from GİB's site. Check the internet connection (and the proxy setting, if any) and try again, or get the zip files another way and install them with 'Choose zip file…'.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/rules_install.py" line="181" />
        <source>Seçilen dosya ya da klasörden GİB kural paketleri kurulamadı. GİB'in UBL-TR1.2.1_Paketi.zip ve e-FaturaPaketi.zip dosyalarını (ya da ikisini tutan klasörü) seçin.</source>
        <translation>GİB's rule packages could not be installed from the chosen file or folder. Choose GİB's UBL-TR1.2.1_Paketi.zip and e-FaturaPaketi.zip (or the folder holding both).</translation>
    </message>
</context>
<context>
    <name>SaveFile</name>
    <message>
        <location filename="../../ui/savefile.py" line="40" />
        <source>Konum:</source>
        <translation>Look in:</translation>
    </message>
    <message>
        <location filename="../../ui/savefile.py" line="41" />
        <source>Dosya adı:</source>
        <translation>File name:</translation>
    </message>
    <message>
        <location filename="../../ui/savefile.py" line="42" />
        <source>Dosya türü:</source>
        <translation>Files of type:</translation>
    </message>
    <message>
        <location filename="../../ui/savefile.py" line="43" />
        <source>Kaydet</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/savefile.py" line="44" />
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/savefile.py" line="81" />
        <source>Kaydedildi</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../ui/savefile.py" line="82" />
        <source>Dosya kaydedildi:</source>
        <translation>File saved:</translation>
    </message>
    <message>
        <location filename="../../ui/savefile.py" line="84" />
        <source>Klasörü aç</source>
        <translation>Open folder</translation>
    </message>
</context>
<context>
    <name>SeriesPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="138" />
        <source>Fatura serileri</source>
        <translation>Invoice series</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="139" />
        <source>Fatura numaraları seriyle başlar: ABC2026000000001. Üç karakter, büyük harf ya da rakam.</source>
        <translation>Invoice numbers start with the series: ABC2026000000001. Three characters, capital letters or digits.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="150" />
        <source>e-Fatura serisi</source>
        <translation>e-Fatura series</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="151" />
        <source>e-Arşiv serisi</source>
        <translation>e-Arşiv series</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings.py" line="70" />
        <source>Ayarlar</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="89" />
        <location filename="../../ui/pages/settings.py" line="92" />
        <source>Firma ve seriler</source>
        <translation>Company and series</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="103" />
        <source>boş: e-Arşiv serisi</source>
        <translation>empty: e-Arşiv series</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="106" />
        <source>e-Fatura serisi</source>
        <translation>e-Fatura series</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="107" />
        <source>e-Arşiv serisi</source>
        <translation>e-Arşiv series</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="108" />
        <source>İnternet satışı serisi</source>
        <translation>Internet sale series</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="112" />
        <source>boş: urn:mail:defaultpk@ + GB etiketinin alan adı</source>
        <translation>empty: urn:mail:defaultpk@ + the domain of the GB alias</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="114" />
        <source>Posta kutusu etiketi (PK)</source>
        <translation>Mailbox alias (PK)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="116" />
        <source>Firma bilgilerini kaydet</source>
        <translation>Save company details</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="124" />
        <location filename="../../ui/pages/settings.py" line="125" />
        <source>İmza</source>
        <translation>Signing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="132" />
        <source>İmza ayarını kaydet</source>
        <translation>Save signer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="139" />
        <source>GİB</source>
        <translation>GİB</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="140" />
        <source>GİB bağlantısı</source>
        <translation>GİB connection</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="142" />
        <source>GİB test ortamı</source>
        <translation>GİB test system</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="143" />
        <source>GİB canlı ortam (gerçek faturalar)</source>
        <translation>GİB live system (real invoices)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="159" />
        <source>Bağlantıyı kaydet</source>
        <translation>Save connection</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="162" />
        <source>Kayıtlı kullanıcı listesini dosyadan al…</source>
        <translation>Load the registered user list from a file…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="165" />
        <source>GİB kural paketlerini kur…</source>
        <translation>Install GİB rule packages…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="176" />
        <source>Veriler, yedek, dil</source>
        <translation>Data, backup, language</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="177" />
        <source>Veriler ve yedek</source>
        <translation>Data and backup</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="183" />
        <source>Klasörü aç</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="187" />
        <source>Şimdi yedekle…</source>
        <translation>Back up now…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="191" />
        <source>Yedekten geri yükle…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="197" />
        <source>Dil / Language:</source>
        <translation>Dil / Language:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="215" />
        <source>E-posta</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="221" />
        <source>e-Arşiv</source>
        <translation>e-Arşiv</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="227" />
        <source>Veritabanı</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="233" />
        <source>Diğer programlar</source>
        <translation>Other software</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="253" />
        <source>Şu an: {0}</source>
        <translation>Now: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="254" />
        <source>ayarlanmamış</source>
        <translation>not set up</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="255" />
        <source> (TEST sertifikası — deneme modu)</source>
        <translation> (TEST certificate — trial mode)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="259" />
        <source>Deneme modunda faturalar bu bilgisayardaki GİB test simülatörüne gönderilir; gerçek GİB'e hiçbir şey gitmez.</source>
        <translation>In trial mode invoices go to the GİB test simulator on this computer; nothing is sent to the real GİB.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="269" />
        <source>Posta kutusu servisi (gelen faturalar)</source>
        <translation>Mailbox service (incoming invoices)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="271" />
        <source>Posta kutusu servisi bu bilgisayarla aynı veri klasörünü kullanıyorsa burayı boş bırakın. Başka bir bilgisayarda çalışıyorsa adresini ve orada 'tezgah postbox token new' ile üretilen anahtarı yazın; gelen faturalar her gönderimde alınır.</source>
        <translation>Leave this empty if the mailbox service uses this computer's data folder. If it runs on another computer, enter its address and the key made there with 'tezgah postbox token new'; incoming invoices are collected at every send.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="281" />
        <source>Servis adresi</source>
        <translation>Service address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="285" />
        <source>API anahtarı</source>
        <translation>API key</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="290" />
        <source>Bağlan ve gelenleri al</source>
        <translation>Connect and collect</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="299" />
        <location filename="../../ui/pages/settings.py" line="312" />
        <source>kayıtlı (değiştirmek için yazın)</source>
        <translation>saved (type to change)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="301" />
        <source>Son alınan zarf: {0}</source>
        <translation>Last envelope collected: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="309" />
        <source>{0} zarf alındı, {1} tanesi yeni.</source>
        <translation>{0} envelopes collected, {1} new.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="342" />
        <source>Firma bilgileri kaydedildi.</source>
        <translation>Company details saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="347" />
        <source>İmza ayarı kaydedildi: {0}</source>
        <translation>Signer saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="353" />
        <source>Şu an: {0} — {1}</source>
        <translation>Now: {0} — {1}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="361" />
        <source>GİB bağlantısı: {0}</source>
        <translation>GİB connection: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="368" />
        <source>GİB kullanıcı listesi</source>
        <translation>GİB user list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="383" />
        <location filename="../../ui/pages/settings.py" line="395" />
        <source>Yedek dosyası</source>
        <translation>Backup file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="391" />
        <source>Yedek alındı: {0}</source>
        <translation>Backup written: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="392" />
        <source>Yedek alındı:</source>
        <translation>Backup written:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="398" />
        <source>Geri yükle</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="399" />
        <source>Bu klasördeki bütün veriler yedektekilerle değiştirilecek. Devam edilsin mi?</source>
        <translation>All data in this folder will be replaced by the backup. Continue?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="403" />
        <source>Yedek geri yüklendi. Tezgâh'ı yeniden başlatın.</source>
        <translation>Backup restored. Restart Tezgâh.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="407" />
        <source>Dil değişikliği Tezgâh yeniden başlatılınca geçerli olur.</source>
        <translation>The language changes when Tezgâh is restarted.</translation>
    </message>
</context>
<context>
    <name>ShipmentBox</name>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="35" />
        <source>Taşıma</source>
        <translation>Transport</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="43" />
        <source>Taşıyan firma (kargo, nakliyeci)</source>
        <translation>Carrier (courier, haulier)</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="44" />
        <source>Kendi aracımız: şoför ve plaka</source>
        <translation>Our own vehicle: driver and plate</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="45" />
        <source>Taşıyan</source>
        <translation>Carried by</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="51" />
        <source>10 haneli VKN ya da 11 haneli TCKN</source>
        <translation>10-digit tax number (VKN) or 11-digit ID (TCKN)</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="55" />
        <source>VKN / TCKN</source>
        <translation>VKN / TCKN</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="56" />
        <source>Unvan</source>
        <translation>Company name</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="57" />
        <location filename="../../ui/despatch/shipment.py" line="92" />
        <source>İlçe</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="58" />
        <location filename="../../ui/despatch/shipment.py" line="92" />
        <source>İl</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="67" />
        <source>11 haneli T.C. kimlik no</source>
        <translation>11-digit Turkish ID no.</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="68" />
        <source>Şoförün adı</source>
        <translation>Driver's first name</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="69" />
        <source>Şoförün soyadı</source>
        <translation>Driver's family name</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="70" />
        <source>Şoförün TCKN'si</source>
        <translation>Driver's TCKN</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="75" />
        <source>örnek 34 ABC 123</source>
        <translation>e.g. 34 ABC 123</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="76" />
        <source>Araç plakası</source>
        <translation>Vehicle plate</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="79" />
        <source>isteğe bağlı; birden çoksa virgülle</source>
        <translation>optional; separate several with commas</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="80" />
        <source>Dorse plakası</source>
        <translation>Trailer plate</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="84" />
        <source>Teslim adresi alıcının adresinden farklı</source>
        <translation>Delivery address differs from the receiver's</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="91" />
        <source>Cadde / sokak</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="91" />
        <source>Bina no</source>
        <translation>Building no.</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/shipment.py" line="93" />
        <source>Posta kodu</source>
        <translation>Postal code</translation>
    </message>
</context>
<context>
    <name>SignerPage</name>
    <message>
        <location filename="../../ui/wizard.py" line="157" />
        <source>Faturaları nasıl imzalayacaksınız?</source>
        <translation>How will you sign invoices?</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="158" />
        <source>Gerçek faturalar mali mühür ya da e-imza ile imzalanır. Denemek için TEST sertifikası kullanabilirsiniz.</source>
        <translation>Real invoices are signed with a company seal (mali mühür) or an e-signature. To try Tezgâh, use a TEST certificate.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="184" />
        <source>Önce kartı takıp 'Kartları ara' ile sertifikanızı seçin ya da deneme modunu seçin.</source>
        <translation>Insert the card and choose your certificate with 'Find cards', or choose trial mode.</translation>
    </message>
</context>
<context>
    <name>SignerPicker</name>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="49" />
        <source>Önce deneyin: TEST sertifikası ve yerel GİB test simülatörü (gerçek fatura kesilmez)</source>
        <translation>Try it first: TEST certificate and local GİB test simulator (no real invoices)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="52" />
        <source>USB imza cihazı / akıllı kart (mali mühür ya da e-imza)</source>
        <translation>USB token / smart card (company seal or e-signature)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="68" />
        <source>Kart sürücüsü (PKCS#11):</source>
        <translation>Card driver (PKCS#11):</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="70" />
        <source>Dosya seç…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="74" />
        <source>Kartları ara</source>
        <translation>Find cards</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="81" />
        <source>Ayrıntılar</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="110" />
        <source>Bu bilgisayarda kullanılabilir bir kart sürücüsü bulunamadı; kartınızın sürücüsünü kurun ya da dosyasını seçin.</source>
        <translation>No usable card driver was found on this computer; install your card's driver or choose its file.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="131" />
        <source>Kart sürücüsü ({0})</source>
        <translation>Card driver ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="132" />
        <source>Tüm dosyalar (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="133" />
        <source>Kart sürücüsü (PKCS#11 modülü)</source>
        <translation>Card driver (PKCS#11 module)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="126" />
        <source>Kart sürücüsünün dosyası: {0}</source>
        <translation>Card driver file: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="127" />
        <source>Kart sürücüsü seçilmedi.</source>
        <translation>No card driver chosen.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="155" />
        <source>Kartlar okunuyor…</source>
        <translation>Reading cards…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="184" />
        <source>{0} sertifika bulundu.</source>
        <translation>{0} certificates found.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signer_picker.py" line="185" />
        <source>Takılı kartta sertifika bulunamadı.</source>
        <translation>No certificate on the inserted card.</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../ui/pages/editor/totals.py" line="28" />
        <source>Not (faturada görünür)</source>
        <translation>Note (printed on the invoice)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/totals.py" line="57" />
        <source>Mal/hizmet toplamı</source>
        <translation>Goods/services total</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/totals.py" line="59" />
        <source>İskonto</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../../ui/pages/editor/totals.py" line="65" />
        <source>Tevkifat {0} (%{1})</source>
        <translation>Withholding {0} ({1}%)</translation>
    </message>
</context>
<context>
    <name>VknEdit</name>
    <message>
        <location filename="../../ui/widgets/forms.py" line="77" />
        <source>10 haneli VKN ya da 11 haneli TCKN</source>
        <translation>10-digit tax number (VKN) or 11-digit ID (TCKN)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forms.py" line="91" />
        <source>{0} hane yazıldı</source>
        <translation>{0} digits typed</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forms.py" line="102" />
        <source>✓ Geçerli VKN</source>
        <translation>✓ Valid VKN</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/forms.py" line="103" />
        <source>✓ Geçerli TCKN</source>
        <translation>✓ Valid TCKN</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/wizard.py" line="77" />
        <source>Tezgâh'a hoş geldiniz</source>
        <translation>Welcome to Tezgâh</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="78" />
        <source>Faturalarınızı kendiniz kesin ve GİB'e doğrudan gönderin. Birkaç adımda hazır olursunuz.</source>
        <translation>Issue your own invoices and send them straight to GİB. You are ready in a few steps.</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="81" />
        <source>Kendi firmamın bilgilerini gireceğim</source>
        <translation>I will enter my own company's details</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="83" />
        <source>Önce deneyin: örnek firma, TEST sertifikası ve yerel GİB test simülatörü ile</source>
        <translation>Try it first: sample company, TEST certificate and local GİB test simulator</translation>
    </message>
    <message>
        <location filename="../../ui/wizard.py" line="90" />
        <source>Veriler paylaşılan bir sunucuda (PostgreSQL)…</source>
        <translation>The data is on a shared server (PostgreSQL)…</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/batch.py" line="105" />
        <source>PDF'ler yazılıyor</source>
        <translation>Writing PDFs</translation>
    </message>
    <message>
        <location filename="../../ui/batch.py" line="55" />
        <source>Hazırlanıyor…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <location filename="../../ui/batch.py" line="56" />
        <source>Durdur</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../ui/batch.py" line="66" />
        <source>Faturalar kesiliyor</source>
        <translation>Issuing invoices</translation>
    </message>
    <message>
        <location filename="../../ui/batch.py" line="82" />
        <source>{0}/{1} kesiliyor…</source>
        <translation>Issuing {0}/{1}…</translation>
    </message>
    <message>
        <location filename="../../ui/batch.py" line="110" />
        <source>{0}/{1}: {2}</source>
        <translation>{0}/{1}: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/batch.py" line="83" />
        <location filename="../../ui/batch.py" line="111" />
        <source>Bitti.</source>
        <translation>Done.</translation>
    </message>
    <message>
        <location filename="../../ui/backup.py" line="80" />
        <source>Yedek alınıyor…</source>
        <translation>Making the backup…</translation>
    </message>
    <message>
        <location filename="../../ui/backup.py" line="80" />
        <source>Atla</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../ui/backup.py" line="82" />
        <source>Tezgâh</source>
        <translation>Tezgâh</translation>
    </message>
    <message>
        <location filename="../../ui/backup.py" line="107" />
        <source>Yedek alınamadı</source>
        <translation>The backup could not be made</translation>
    </message>
    <message>
        <location filename="../../ui/despatch/issue.py" line="19" />
        <source>İrsaliyeler kesiliyor</source>
        <translation>Issuing despatch advices</translation>
    </message>
</context>
</TS>