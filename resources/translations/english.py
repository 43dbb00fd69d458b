"""English for the window's Turkish texts (the source language is Turkish)."""

EN = {
    " (TEST sertifikası — deneme modu)": " (TEST certificate — trial mode)",
    " TEST ": " TEST ",
    " — TEST (deneme modu)": " — TEST (trial mode)",
    "(taslak)": "(draft)",
    "10 haneli VKN ya da 11 haneli TCKN": "10-digit tax number (VKN) or 11-digit ID (TCKN)",
    "< Geri": "< Back",
    "Ad": "Name",
    "Ad (kişi)": "First name (person)",
    "Ad / unvan": "Name / title",
    "Adres ve iletişim": "Address and contact",
    "Ara (Ctrl+F)": "Search (Ctrl+F)",
    "Ara: numara, müşteri, VKN/TCKN, ETTN, tutar (Ctrl+F)":
        "Search: number, customer, VKN/TCKN, ETTN, amount (Ctrl+F)",
    "Ayarlar": "Settings",
    "Aylık satışlar": "Monthly sales",
    "Aç (Enter)": "Open (Enter)",
    "Bağlantıyı kaydet": "Save connection",
    "Başla": "Start",
    "Beklenmeyen bir hata oldu; işlem yapılmadı. Ayrıntı günlük dosyasına yazıldı.":
        "An unexpected error occurred; nothing was done. Details were written to the log.",
    "Bekleyen fatura yok; her şey GİB'e ulaştı.": "Nothing waiting; everything reached GİB.",
    "Bekleyen taslaklar": "Drafts waiting",
    "Bina no": "Building no.",
    "Başka bir GİB adresi": "Another GİB address",
    "Birim": "Unit",
    "Birim fiyat": "Unit price",
    "Birim fiyat (KDV hariç)": "Unit price (excl. VAT)",
    "Bu ay": "This month",
    "Bu ayın satışları (KDV hariç)": "Sales this month (excl. VAT)",
    "Bu bilgisayarda bilinen bir kart sürücüsü bulunamadı; kartınızın sürücüsünü kurun ya da "
    "dosyasını seçin.": "No known card driver was found on this computer; install your card's "
                        "driver or choose its file.",
    "Bu klasördeki bütün veriler yedektekilerle değiştirilecek. Devam edilsin mi?":
        "All data in this folder will be replaced by the backup. Continue?",
    "Bu yıl": "This year",
    "Bu yıl hesaplanan KDV": "VAT charged this year",
    "Bu yılın satışları (KDV hariç)": "Sales this year (excl. VAT)",
    "Cadde / sokak": "Street",
    "Deneme": "Attempts",
    "Deneme modunda faturalar bu bilgisayardaki GİB test simülatörüne gönderilir; gerçek GİB'e "
    "hiçbir şey gitmez.": "In trial mode invoices go to the GİB test simulator on this "
                          "computer; nothing is sent to the real GİB.",
    "Dil / Language:": "Dil / Language:",
    "Dil değişikliği Tezgâh yeniden başlatılınca geçerli olur.":
        "The language changes when Tezgâh is restarted.",
    "Dosya seçin": "Choose a file",
    "Dosya seç…": "Choose file…",
    "Durum": "Status",
    "Düzenle (Enter)": "Edit (Enter)",
    "E-posta": "E-mail",
    "Excel ya da CSV (*.xlsx *.csv)": "Excel or CSV (*.xlsx *.csv)",
    "Excel/CSV'den al (Ctrl+I)": "Import Excel/CSV (Ctrl+I)",
    "Fatura numaraları seriyle başlar: ABC2026000000001. Üç karakter, büyük harf ya da rakam.":
        "Invoice numbers start with the series: ABC2026000000001. Three characters, capital "
        "letters or digits.",
    "Fatura serileri": "Invoice series",
    "Fatura {0}": "Invoice {0}",
    "Faturalar": "Invoices",
    "Faturaları nasıl imzalayacaksınız?": "How will you sign invoices?",
    "Faturaların durumu": "Invoices by status",
    "Faturalarınızı kendiniz kesin ve GİB'e doğrudan gönderin. Birkaç adımda hazır olursunuz.":
        "Issue your own invoices and send them straight to GİB. You are ready in a few steps.",
    "Faturanın üst bilgisinde görünür.": "Shown in the invoice header.",
    "Faturayı kes (Ctrl+Enter)": "Issue invoice (Ctrl+Enter)",
    "Faturayı yazdır": "Print invoice",
    "Firma bilgileri kaydedildi.": "Company details saved.",
    "Firma bilgilerini kaydet": "Save company details",
    "Firma kimliği": "Company identity",
    "Firma ve seriler": "Company and series",
    "Geri yükle": "Restore",
    "Gerçek faturalar mali mühür ya da e-imza ile imzalanır. Denemek için TEST sertifikası "
    "kullanabilirsiniz.": "Real invoices are signed with a company seal (mali mühür) or an "
                          "e-signature. To try Tezgâh, use a TEST certificate.",
    "Geçen ay": "Last month",
    "Geçmiş ({0})": "History ({0})",
    "Giden Kutusu": "Outbox",
    "Gönderenin hazırladığı görünüm açılamadı; fatura Tezgâh'ın kendi görünümüyle "
    "gösteriliyor. Faturanın bilgileri değişmedi.":
        "The sender's own view of this invoice could not be opened; it is shown in Tezgâh's "
        "view instead. The invoice itself is unchanged.",
    "Gönderenin hazırladığı görünüm güvenlik için gösterilmedi; fatura Tezgâh'ın kendi "
    "görünümüyle gösteriliyor. Faturanın bilgileri değişmedi.":
        "For safety, the sender's own view of this invoice was not shown; it is shown in "
        "Tezgâh's view instead. The invoice itself is unchanged.",
    "Gönderici birim etiketi": "Sender mailbox alias",
    "GİB": "GİB",
    "GİB bağlantısı": "GİB connection",
    "GİB bağlantısı: {0}": "GİB connection: {0}",
    "GİB canlı ortam": "GİB live service",
    "GİB canlı ortam (gerçek faturalar)": "GİB live system (real invoices)",
    "GİB kullanıcı listesi": "GİB user list",
    "GİB kural paketlerini kur…": "Install GİB rule packages…",
    "GİB paketlerinin klasörü": "Folder of the GİB packages",
    "GİB test ortamı": "GİB test system",
    "Hazır": "Ready",
    "Henüz kesilmiş fatura yok.": "No invoices issued yet.",
    "IBAN": "IBAN",
    "KDV %": "VAT %",
    "KDV oranı": "VAT rate",
    "Kapat": "Close",
    "Kart sürücüsü (PKCS#11):": "Card driver (PKCS#11):",
    "Kartlar okunuyor…": "Reading cards…",
    "Kartları ara": "Find cards",
    "Kaydediliyor…": "Saving…",
    "Kaydet": "Save",
    "Kaydedildi": "Saved",
    "Konum:": "Look in:",
    "Bu faturanın PDF'i yok.": "This invoice has no PDF.",
    "Dosya adı:": "File name:",
    "Dosya kaydedildi:": "File saved:",
    "Dosya türü:": "Files of type:",
    "Fatura PDF olarak kaydedildi:": "The invoice was saved as PDF:",
    "Gönderenin görünümü": "Sender's view",
    "Kayıtlı kullanıcı listesini dosyadan al…": "Load the registered user list from a file…",
    "Kendi firmamın bilgilerini gireceğim": "I will enter my own company's details",
    "Kesildi.": "Issued.",
    "e-Fatura Giden Kutusu'na girer ve internet olduğunda GİB'e kendiliğinden gönderilir; "
    "sonucu Giden Kutusu'nda ve faturanın geçmişinde görünür.":
        "An e-Fatura goes into the Outbox and is sent to GİB by itself when the internet is "
        "there; the result shows in the Outbox and in the invoice's history.",
    "e-Arşiv faturası GİB'e gönderilmez ve Giden Kutusu'na girmez; yazdırıp ya da PDF'ini "
    "göndererek müşteriye verin.":
        "An e-Arşiv invoice is not sent to GİB and does not go into the Outbox; give it to "
        "the customer printed or as a PDF.",
    "Alıcının posta kutusu etiketi:": "Receiver's mailbox alias:",
    "Alıcı etiketini düzelt ve yeniden gönder": "Fix the receiver's alias and send again",
    "Yeni zarfla yeniden gönder": "Send again in a new envelope",
    "Düzeltip yeni fatura olarak kes": "Correct and issue as a new invoice",
    "e-Arşiv olarak yeniden kes": "Issue again as e-Arşiv",
    "İade faturası kes": "Issue a return invoice",
    "Çözüldü olarak işaretle": "Mark as handled",
    "Yapılıyor…": "Working…",
    "Aynı fatura yeni bir zarfla gönderilmek üzere Giden Kutusu'na alındı.":
        "The same invoice is in the Outbox, to be sent in a new envelope.",
    "Çözüldü olarak işaretlendi; Giden Kutusu bu faturayı artık saymıyor.":
        "Marked as handled; the Outbox no longer counts this invoice.",
    "Yeni taslak oluşturuldu; Yeni Fatura sayfasında düzenleyip kesebilirsiniz.":
        "A new draft was made; edit and issue it on the New Invoice page.",
    "Gönderilmeyi bekleyen fatura yok.": "No invoice is waiting to be sent.",
    "{0} faturayı GİB reddetti; satırı seçip ne yapılacağını seçin.":
        "GİB refused {0} invoices; select a row and choose what to do.",
    "Klasörü aç": "Open folder",
    "Kod": "Code",
    "Kur": "Rate",
    "Kütüphane (*.so *.dll *.dylib)": "Library (*.so *.dll *.dylib)",
    "Mal / hizmet": "Goods / service",
    "Mal/hizmet toplamı": "Goods/services total",
    "Miktar": "Quantity",
    "Müşteri": "Customer",
    "Müşteri seçilmedi.": "No customer chosen.",
    "Müşteri: ad, VKN ya da TCKN yazın": "Customer: type a name, VKN or TCKN",
    "Müşteriler": "Customers",
    "Neden / ne oluyor": "Why / what happens",
    "Not (faturada görünür)": "Note (printed on the invoice)",
    "Numara": "Number",
    "Olay": "Event",
    "PDF dosyası (*.pdf)": "PDF file (*.pdf)",
    "PDF kaydet (Ctrl+S)": "Save PDF (Ctrl+S)",
    "PDF olarak kaydet": "Save as PDF",
    "PDF önizlemesi hazırlanamadı; ayrıntı günlük dosyasına yazıldı. \"Gönderenin "
    "görünümü\" sekmesine bakın.":
        "The PDF preview could not be made; details were written to the log. See the "
        "\"Sender's view\" tab.",
    "PIN girin": "Enter PIN",
    "PKCS#11 modülü": "PKCS#11 module",
    "Para birimi": "Currency",
    "Posta kodu": "Postal code",
    "Satır": "Row",
    "Senaryo": "Profile",
    "Son 30 gün": "Last 30 days",
    "Sonraki deneme": "Next attempt",
    "Soyad (kişi)": "Family name (person)",
    "TEST — demo sertifikasıyla imzalandı; geçerli fatura değildir.":
        "TEST — signed with the demo certificate; not a valid invoice.",
    "TEST — deneme modu: TEST sertifikasıyla imzalanır, yerel GİB test simülatörüne "
    "gönderilir. Kesilen faturalar geçerli değildir.":
        "TEST — trial mode: signed with a TEST certificate, sent to the local GİB test "
        "simulator. Invoices issued are not valid.",
    "Takılı kartta sertifika bulunamadı.": "No certificate on the inserted card.",
    "Tarih": "Date",
    "Tarih aralığı": "Date range",
    "Taslak": "Draft",
    "Taslak bu bilgisayarda saklandı (eksikler var).":
        "Draft kept on this computer (something is still missing).",
    "Taslak kaydedildi.": "Draft saved.",
    "Taslak kaydet (Ctrl+S)": "Save draft (Ctrl+S)",
    "Telefon": "Phone",
    "Temizle": "Clear",
    "Tevkifat": "Withholding",
    "Tevkifat {0} (%{1})": "Withholding {0} ({1}%)",
    "Tezgâh": "Tezgâh",
    "Tezgâh — ilk kurulum": "Tezgâh — first start",
    "Tezgâh'a hoş geldiniz": "Welcome to Tezgâh",
    "Tip": "Type",
    "Tutar": "Amount",
    "Tüm durumlar": "All statuses",
    "Tüm senaryolar": "All profiles",
    "Tüm tarihler": "All dates",
    "Tüm tipler": "All types",
    "USB imza cihazı / akıllı kart (mali mühür ya da e-imza)":
        "USB token / smart card (company seal or e-signature)",
    "Unvan (şirket)": "Title (company)",
    "Uygun": "OK",
    "VKN / TCKN": "VKN / TCKN",
    "Vazgeç": "Cancel",
    "Vergi dairesi": "Tax office",
    "Vergi levhanızdaki bilgiler. VKN/TCKN yazarken denetlenir.":
        "As on your tax certificate. The VKN/TCKN is checked as you type.",
    "Veriler ve yedek": "Data and backup",
    "Veriler, yedek, dil": "Data, backup, language",
    "Yarım kalan fatura geri yüklendi.": "The unfinished invoice was restored.",
    "Yazdır (Ctrl+P)": "Print (Ctrl+P)",
    "Yedek alındı:": "Backup written:",
    "Yedek alındı: {0}": "Backup written: {0}",
    "Yedek dosyası": "Backup file",
    "Yedek geri yüklendi. Tezgâh'ı yeniden başlatın.": "Backup restored. Restart Tezgâh.",
    "Yedekten geri yükle…": "Restore from backup…",
    "Yeni (Ctrl+N)": "New (Ctrl+N)",
    "Yeni Fatura": "New Invoice",
    "Yeni müşteri": "New customer",
    "Yeni müşteri (Ctrl+M)": "New customer (Ctrl+M)",
    "Yeni ürün": "New product",
    "Zaman": "Time",
    "ayarlanmamış": "not set up",
    "e-Arşiv serisi": "e-Arşiv series",
    "e-Fatura mükellefi değil → e-Arşiv": "not an e-Fatura user → e-Arşiv",
    "e-Fatura mükellefi · {0}": "e-Fatura user · {0}",
    "e-Fatura serisi": "e-Fatura series",
    "kesilmeyi bekliyor": "waiting to be issued",
    "Konaklama V. %": "Accom. tax %",
    "boş: firmanın IBAN'ı": "empty: the company's IBAN",
    "Ödeme IBAN'ı (kamu)": "Payment IBAN (public body)",
    "boş: urn:mail:defaultpk@ + GB etiketinin alan adı": "empty: urn:mail:defaultpk@ + the domain of the GB alias",
    "Posta kutusu etiketi (PK)": "Mailbox alias (PK)",
    "Posta kutusu servisi (gelen faturalar)": "Mailbox service (incoming invoices)",
    "Posta kutusu servisi bu bilgisayarla aynı veri klasörünü kullanıyorsa burayı boş bırakın. Başka bir bilgisayarda çalışıyorsa adresini ve orada 'tezgah postbox token new' ile üretilen anahtarı yazın; gelen faturalar her gönderimde alınır.": "Leave this empty if the mailbox service uses this computer's data folder. If it runs on another computer, enter its address and the key made there with 'tezgah postbox token new'; incoming invoices are collected at every send.",
    "Servis adresi": "Service address",
    "API anahtarı": "API key",
    "Bağlan ve gelenleri al": "Connect and collect",
    "Son alınan zarf: {0}": "Last envelope collected: {0}",
    "{0} zarf alındı, {1} tanesi yeni.": "{0} envelopes collected, {1} new.",
    "Bu ayın alışları (gelen faturalar, KDV hariç)": "This month's purchases (incoming invoices, excl. VAT)",
    "{0} fatura · indirilecek KDV {1}": "{0} invoices · deductible VAT {1}",
    "taslak": "draft",
    "{0} fatura": "{0} invoices",
    "{0} fatura gönderilmeyi bekliyor.": "{0} invoices waiting to be sent.",
    "{0} hane yazıldı": "{0} digits typed",
    "{0} kaydı aktar": "Import {0} records",
    "{0} kayıt": "{0} records",
    "{0} kayıt içe aktarıldı.": "{0} records imported.",
    "{0} numaralı fatura kesildi.": "Invoice {0} issued.",
    "{0} satır okundu; {1} satır aktarılacak, {2} satırda hata var (aktarılmayacak).":
        "{0} rows read; {1} will be imported, {2} have errors (not imported).",
    "{0} sertifika bulundu.": "{0} certificates found.",
    "Çalışıyor…": "Working…",
    "Ödenecek": "Payable",
    "Önce deneyin: TEST sertifikası ve yerel GİB test simülatörü (gerçek fatura kesilmez)":
        "Try it first: TEST certificate and local GİB test simulator (no real invoices)",
    "Önce deneyin: örnek firma, TEST sertifikası ve yerel GİB test simülatörü ile":
        "Try it first: sample company, TEST certificate and local GİB test simulator",
    "Önce kartı takıp 'Kartları ara' ile sertifikanızı seçin ya da deneme modunu seçin.":
        "Insert the card and choose your certificate with 'Find cards', or choose trial mode.",
    "Önizleme": "Preview",
    "Özet": "Overview",
    "Ürün": "Product",
    "Ürün kodu": "Product code",
    "Ürünler": "Products",
    "İade edilen fatura": "Returned invoice",
    "İade faturası oluştur": "Create return invoice",
    "İl": "Province",
    "İleri >": "Next >",
    "İlçe": "District",
    "İmza": "Signing",
    "İmza ayarı kaydedildi: {0}": "Signer saved: {0}",
    "İmza ayarını kaydet": "Save signer",
    "İmzala": "Sign",
    "İmzalamak için kartın PIN'ini yazın:": "Type the card's PIN to sign:",
    "İmzalanıyor ve GİB kurallarıyla denetleniyor…": "Signing and checking against GİB's rules…",
    "İsk. %": "Disc. %",
    "İskonto": "Discount",
    "İstisna": "Exemption",
    "İçe aktarma önizlemesi": "Import preview",
    "Şimdi gönder (Ctrl+G)": "Send now (Ctrl+G)",
    "Şimdi yedekle…": "Back up now…",
    "Şu an: {0}": "Now: {0}",
    "Şu an: {0} — {1}": "Now: {0} — {1}",
    "● GİB: bağlantı denenmedi": "● GİB: not tried yet",
    "● GİB: çevrimdışı — faturalar kutuda bekliyor": "● GİB: offline — invoices wait in the box",
    "● GİB: çevrimiçi": "● GİB: online",
    "✓ Geçerli TCKN": "✓ Valid TCKN",
    "✓ Geçerli VKN": "✓ Valid VKN",
    "Seçilenleri PDF olarak kaydet… (Ctrl+Shift+S)": "Save selected as PDF… (Ctrl+Shift+S)",
    "PDF'lerin klasörü": "Folder for the PDFs",
    "{0} PDF yazıldı: {1}": "{0} PDFs written: {1}",
    "PDF'ler yazılıyor": "Writing PDFs",
    "Hazırlanıyor…": "Preparing…",
    "Durdur": "Stop",
    "{0}/{1}: {2}": "{0}/{1}: {2}",
    "Bitti.": "Done.",
    "Seçilen taslakları kes (Ctrl+K)": "Issue selected drafts (Ctrl+K)",
    "{0} fatura kesildi.": "{0} invoices issued.",
    "Faturalar kesiliyor": "Issuing invoices",
    "{0}/{1} kesiliyor…": "Issuing {0}/{1}…",
    "Bu ürünü değiştirmek için bir ürün kodu yazın (ör. stok kodu); kodsuz kayıt yeni ürün olur.":
        "To change this product, give it a product code (e.g. a stock code); without one, "
        "saving adds a new product.",
    "Yerel GİB test simülatörü": "Local GİB test simulator",
    "Kesilen faturalar": "Issued invoices",
    "Gelen faturalar": "Received invoices",
    "{0} — İMZA GEÇERSİZ": "{0} — SIGNATURE NOT VALID",
    "İmza geçerli": "Signature valid",
    "İMZA GEÇERSİZ: ayrıntı için faturayı açın": "SIGNATURE NOT VALID: open the invoice for details",
    "Satır ekle": "Add line",
    "Faturaya yeni bir kalem satırı ekler; tabloda Enter da yeni satıra geçer.":
        "Adds a new line to the invoice; Enter in the table also moves to a new line.",
    "Gönderici birim (GB) etiketi": "Sender unit (GB) alias",
    "GİB'in size verdiği gönderici birim etiketi: faturalarınız bu adresten gönderilir.":
        "The sender unit alias GİB gave you: your invoices are sent from this address.",
    "Posta kutusu (PK) etiketi": "Mailbox (PK) alias",
    "GİB'deki e-Fatura adresinizin gönderici birim (GB) etiketi: faturalarınız bu etiketten "
    "gönderilir (örnek urn:mail:defaultgb@firmaniz.com.tr).":
        "The sender unit (GB) alias of your e-Fatura address at GİB: your invoices are sent "
        "from it (e.g. urn:mail:defaultgb@yourcompany.com.tr).",
    "Alıcının GİB'deki e-Fatura posta kutusu (PK) etiketi: e-Fatura bu etikete gönderilir. "
    "Boş bırakılırsa GİB'in kayıtlı kullanıcı listesinden alınır.":
        "The receiver's e-Fatura mailbox (PK) alias at GİB: the e-Fatura is sent to it. Left "
        "empty, it is taken from GİB's registered user list.",
    "Müşterinin GİB'deki e-Fatura posta kutusu (PK) etiketi: e-Fatura bu etikete gönderilir.":
        "The customer's e-Fatura mailbox (PK) alias at GİB: the e-Fatura is sent to it.",
    "Ayrıntılar": "Details",
    "Kart sürücüsünün dosyası: {0}": "Card driver file: {0}",
    "Kart sürücüsü seçilmedi.": "No card driver chosen.",
    "{0} bin": "{0}K",
    "{0} mn": "{0}M",
    # Faturalar: deleting drafts
    "Sil (Delete)": "Delete (Del)",
    "Seçilen taslakları siler. Kesilmiş fatura silinemez: numarası kullanılmıştır ve belge Vergi Usul Kanunu gereği saklanmalıdır.":
        "Deletes the selected drafts. An issued invoice cannot be deleted: its number is used "
        "and the Tax Procedure Law requires the document to be kept.",
    "Geri al": "Undo",
    "Kesilmiş fatura silinemez: numarası kullanılmıştır ve belge Vergi Usul Kanunu gereği saklanmalıdır. Düzeltmek için iade faturası kesin.":
        "An issued invoice cannot be deleted: its number is used and the Tax Procedure Law "
        "requires the document to be kept. Issue a return invoice to correct it.",
    "{0} taslak silinsin mi?": "Delete {0} draft(s)?",
    "Seçilen {0} kesilmiş fatura silinmeyecek: numarası kullanılmıştır ve belge saklanmalıdır.":
        "The {0} selected issued invoice(s) will not be deleted: the number is used and the "
        "document must be kept.",
    "Taslakları sil": "Delete drafts",
    "Sil": "Delete",
    "{0} taslak silindi.": "{0} draft(s) deleted.",
    "{0} taslak geri alındı.": "{0} draft(s) restored.",
    # first start and the install of GİB's rule packages
    "GİB kural paketleri henüz kurulu değil (GİB'in sitesine ulaşılamadı). Fatura kesmeden "
    "önce aşağıdaki düğmeyle kurun.":
        "GİB's rule packages are not installed yet (GİB's site could not be reached). Install "
        "them with the button below before issuing an invoice.",
    "Kurulum bitmedi. Tezgâh kapatılsın mı?": "Setup is not finished. Close Tezgâh?",
    "Kuruluma dön": "Back to setup",
    "GİB kural paketleri": "GİB's rule packages",
    "Faturalar kesilmeden önce GİB'in kurallarıyla denetlenir. Bunun için GİB'in iki paketi "
    "gerekir: UBL-TR1.2.1_Paketi.zip ve e-FaturaPaketi.zip. GİB'in sitesinden indirin ya da "
    "elinizdeki zip dosyasını veya ikisini tutan klasörü seçin.":
        "Before an invoice is issued it is checked with GİB's rules. That takes GİB's two "
        "packages: UBL-TR1.2.1_Paketi.zip and e-FaturaPaketi.zip. Download them from GİB's "
        "site, or choose the zip files you have or the folder holding both.",
    "GİB'in sitesinden indir": "Download from GİB's site",
    "Zip dosyası seç…": "Choose zip file…",
    "Klasör seç…": "Choose folder…",
    "GİB'in sitesinden indiriliyor ve kuruluyor…": "Downloading from GİB's site and installing…",
    "GİB paketleri (zip)": "GİB's packages (zip)",
    "Kuruluyor…": "Installing…",
    "Paketlerden biri kuruldu. Şimdi diğerini de seçin (UBL-TR1.2.1_Paketi.zip ve "
    "e-FaturaPaketi.zip ikisi de gerekir).":
        "One of the packages is installed. Now choose the other one too (both "
        "UBL-TR1.2.1_Paketi.zip and e-FaturaPaketi.zip are needed).",
    "Kuruldu. Faturalar artık GİB'in kurallarıyla denetlenebilir.":
        "Installed. Invoices can now be checked with GİB's rules.",
    "GİB'in sitesinden indirilemedi. İnternet bağlantınızı (ve varsa vekil sunucu ayarını) "
    "denetleyip yeniden deneyin ya da zip dosyalarını başka bir yoldan edinip 'Zip dosyası "
    "seç…' ile kurun.":
        "Could not download from GİB's site. Check the internet connection (and the proxy "
        "setting, if any) and try again, or get the zip files another way and install them "
        "with 'Choose zip file…'.",
    "Seçilen dosya ya da klasörden GİB kural paketleri kurulamadı. GİB'in "
    "UBL-TR1.2.1_Paketi.zip ve e-FaturaPaketi.zip dosyalarını (ya da ikisini tutan klasörü) "
    "seçin.":
        "GİB's rule packages could not be installed from the chosen file or folder. Choose "
        "GİB's UBL-TR1.2.1_Paketi.zip and e-FaturaPaketi.zip (or the folder holding both).",
    # the invoice editor's İnternet satışı group (e-Arşiv)
    "İnternet satışı": "Internet sale",
    "İnternetten yapılan satışta e-Arşiv faturasına satışın yapıldığı web adresi, ödeme "
    "bilgileri ve mal kargoyla gönderiliyorsa taşıyıcı firma yazılır.":
        "For a sale made on the internet, the e-Arşiv invoice carries the web address of the "
        "sale, the payment and, when goods are shipped, the carrier.",
    "Web adresi": "Web address",
    "Seçin": "Choose",
    "Kredi/banka kartı": "Credit/debit card",
    "EFT/havale": "Bank transfer (EFT)",
    "Kapıda ödeme": "Cash on delivery",
    "Diğer": "Other",
    "Ödeme şekli": "Payment method",
    "Ödeme tarihi": "Payment date",
    "Ödeme şekli Diğer ise ne olduğu": "What the payment was, if Other",
    "Ödeme açıklaması": "Payment note",
    "Mal kargoyla gönderiliyorsa": "If the goods are shipped",
    "Taşıyıcı (kargo) firma": "Carrier (cargo company)",
    "Taşıyıcı VKN/TCKN": "Carrier VKN/TCKN",
    "Taşıyıcı ilçe": "Carrier district",
    "Taşıyıcı il": "Carrier province",
    "Kargoya veriliş tarihi": "Shipment date",
    "İnternet satışı serisi": "Internet sale series",
    "boş: e-Arşiv serisi": "empty: e-Arşiv series",
    # cancelling an issued invoice
    "İptal et…": "Cancel invoice…",
    "Faturayı iptal et — {0}": "Cancel invoice — {0}",
    "{0} numaralı e-Arşiv faturası iptal edilecek.": "e-Arşiv invoice {0} will be cancelled.",
    "Kaynak: {0}": "Source: {0}",
    "İptal nedeni (zorunlu):": "Reason for cancelling (required):",
    "Örneğin: Müşteri siparişten vazgeçti": "For example: the customer withdrew the order",
    "Faturayı iptal et": "Cancel invoice",
    "İPTAL: {0} tarihinde iptal edildi{1}. Neden: {2}":
        "CANCELLED: cancelled on {0}{1}. Reason: {2}",
    "e-Fatura iptali": "e-Fatura cancellation",
    # the dashboard's e-Arşiv reports card
    "e-Arşiv raporları": "e-Arşiv reports",
    "Raporu şimdi gönder": "Send report now",
    "Bitmiş günlerin raporunu mali mühür/e-imza ile imzalar, zaman damgası alır ve GİB'e "
    "gönderir. Kartın PIN'i sorulur; saklanmaz.":
        "Signs the report of the finished days with the company seal (mali mühür) or "
        "e-signature, gets a time stamp and sends it to GİB. The card's PIN is asked for and "
        "not stored.",
    "Bekleyen e-Arşiv raporu yok.": "No e-Arşiv report waiting.",
    "{0} fatura, {1} iptal": "{0} invoices, {1} cancellations",
    "son gönderim {0}": "due by {0}",
    "gecikti": "late",
    "e-Arşiv raporları hazırlanıyor ve GİB'e gönderiliyor…":
        "Preparing the e-Arşiv reports and sending them to GİB…",
    "Vazgeçildi; rapor gönderilmedi.": "Cancelled; no report was sent.",
    # Ayarlar → e-Arşiv: the daily report, the time-stamp service, the signature level
    "e-Arşiv": "e-Arşiv",
    "e-Arşiv raporu": "e-Arşiv report",
    "e-Arşiv faturaları her gün GİB'e raporlanır. Rapor mali mühür/e-imza ile imzalanır ve "
    "zaman damgası alır.":
        "e-Arşiv invoices are reported to GİB every day. The report is signed with the company "
        "seal (mali mühür) or e-signature and gets a time stamp.",
    "GİB test servisi": "GİB test service",
    "Canlı servis / başka adres (GİB'in verdiği adresi yazın)":
        "Live service / another address (type the address GİB gave you)",
    "Rapor servisi": "Report service",
    "Zaman damgası (TSA) adresi": "Time-stamp (TSA) address",
    "TSA kullanıcı adı": "TSA user name",
    "TSA parolası": "TSA password",
    "İmza düzeyi": "Signature level",
    "BES — yalnız imza, zaman damgası yok: rapor GİB'e gönderilemez.":
        "BES — signature only, no time stamp: the report cannot be sent to GİB.",
    "T — imza ve zaman damgası: imzanın ne zaman atıldığı kanıtlanır.":
        "T — signature and time stamp: proves when it was signed.",
    "A — zaman damgası, doğrulama verileri ve arşiv zaman damgası: GİB kılavuzunun istediği "
    "düzey (önerilen).":
        "A — time stamp, validation data and archive time stamp: the level GİB's guide asks "
        "for (recommended).",
    "e-Arşiv ayarlarını kaydet": "Save e-Arşiv settings",
    "Zaman damgası dene": "Try a time stamp",
    "kayıtlı (değiştirmek için yazın)": "saved (type to change)",
    "e-Arşiv ayarları kaydedildi.": "e-Arşiv settings saved.",
    "Zaman damgası isteniyor…": "Requesting a time stamp…",
    "Zaman damgası alındı. TSA'nın saati: {0}": "Time stamp received. The TSA's clock: {0}",
    # Ayarlar → E-posta (SMTP)
    "E-posta (SMTP)": "E-mail (SMTP)",
    "Gönderim şekli ELEKTRONIK olan e-Arşiv faturaları, PDF'i ve imzalı XML'i ekli olarak bu "
    "sunucu üzerinden alıcıya gider.":
        "e-Arşiv invoices delivered electronically go to the receiver through this server, "
        "with their PDF and signed XML attached.",
    "Sunucu": "Server",
    "Port": "Port",
    "Güvenlik": "Security",
    "Kullanıcı adı": "User name",
    "Parola": "Password",
    "Gönderen adresi": "Sender address",
    "Gönderen adı": "Sender name",
    "CA dosyası (isteğe bağlı)": "CA file (optional)",
    "E-posta ayarlarını kaydet": "Save e-mail settings",
    "Deneme e-postası gönder": "Send a test e-mail",
    "E-posta ayarları kaydedildi.": "E-mail settings saved.",
    "Deneme e-postası gönderiliyor…": "Sending a test e-mail…",
    "Deneme e-postası gönderildi: {0}": "Test e-mail sent: {0}",
    # the invoice editor's delivery method (e-Arşiv)
    "Gönderim şekli": "Delivery method",
    "Müşteriye göre (e-postası varsa ELEKTRONİK)":
        "By customer (electronic if they have an e-mail address)",
    "ELEKTRONİK (e-posta)": "Electronic (e-mail)",
    "KAĞIT": "Paper",
    # sending an invoice by e-mail again
    "E-postayı yeniden gönder": "Resend e-mail",
    "Fatura (PDF ve imzalı XML) bu adrese gönderilecek:":
        "The invoice (PDF and signed XML) will be sent to this address:",
    "Gönder": "Send",
    "E-posta gönderiliyor…": "Sending e-mail…",
    "E-posta gönderildi: {0}": "E-mail sent: {0}",
    "E-posta giden kutusunda, gönderilecek: {0}": "The e-mail is in the outbox, to be sent to: {0}",
    # choosing the card driver
    "Bu bilgisayarda kullanılabilir bir kart sürücüsü bulunamadı; kartınızın sürücüsünü kurun "
    "ya da dosyasını seçin.":
        "No usable card driver was found on this computer; install your card's driver or "
        "choose its file.",
    "Kart sürücüsü ({0})": "Card driver ({0})",
    "Tüm dosyalar (*)": "All files (*)",
    "Kart sürücüsü (PKCS#11 modülü)": "Card driver (PKCS#11 module)",
    "Yok (yalnızca bu bilgisayardaki sunucu)": "None (only a server on this computer)",
    # Gelen Kutusu (incoming invoices) and the KABUL / RED answer
    "Gelen Kutusu": "Inbox",
    "{0} okunmamış gelen fatura": "{0} unread incoming invoices",
    "Yenile (F5)": "Refresh (F5)",
    "Gönderen": "Sender",
    "Fatura No": "Invoice no.",
    "Yanıt": "Answer",
    "Son yanıt günü": "Answer by",
    "Geliş": "Received",
    "Tür": "Type",
    "Belge": "Documents",
    "Açıklama": "Description",
    "Zarflar": "Envelopes",
    "TICARIFATURA senaryosundaki faturalar, geldikleri günden sonraki 8 gün içinde KABUL ya da "
    "RED ile bir kez yanıtlanabilir. Faturayı açıp yanıtlayın.":
        "Invoices in the TICARIFATURA scenario can be answered once, with KABUL (accept) or RED "
        "(reject), within 8 days after they arrive. Open the invoice to answer it.",
    "Gelen fatura yok.": "No incoming invoices.",
    "{0} fatura, {1} okunmamış.": "{0} invoices, {1} unread.",
    "{0} fatura yanıt bekliyor.": "{0} invoices await an answer.",
    "Geçerli": "Valid",
    "GEÇERSİZ": "INVALID",
    "{0} (süresi doldu)": "{0} (deadline passed)",
    "{0} (bugün son gün)": "{0} (last day today)",
    "{0} ({1} gün kaldı)": "{0} ({1} days left)",
    "{0}: {1} tarihinde verildi.": "{0}: given on {1}.",
    "Gerekçe: {0}": "Reason: {0}",
    "Gelen fatura {0}": "Incoming invoice {0}",
    "Gönderen: {0} (VKN/TCKN {1})": "Sender: {0} (VKN/TCKN {1})",
    "Gönderenin hazırladığı görünüm gösterilmedi; fatura Tezgâh'ın kendi görünümüyle "
    "gösteriliyor. Faturanın bilgileri değişmedi.":
        "The sender's own view was not shown; the invoice is shown in Tezgâh's view. The "
        "invoice's data is unchanged.",
    "Satırlar ({0})": "Lines ({0})",
    "Geçmiş": "History",
    "Aslını kaydet (XML)": "Save original (XML)",
    "Gönderenin imzaladığı XML, bayt bayt aynısı": "The XML the sender signed, byte for byte",
    "KABUL et": "Accept (KABUL)",
    "REDDET": "Reject (RED)",
    "Tutar (KDV hariç)": "Amount (excl. VAT)",
    "KDV": "VAT",
    "Yalnızca TICARIFATURA senaryosundaki faturalar KABUL/RED ile yanıtlanır; bu fatura {0}.":
        "Only invoices in the TICARIFATURA scenario are answered with KABUL/RED; this invoice "
        "is {0}.",
    "Bu faturaya {0} tarihinde {1} yanıtı verildi; yanıt bir kez verilir ve değiştirilemez.":
        "This invoice was answered {1} on {0}; an answer is given once and cannot be changed.",
    "Yanıt süresi {0} tarihinde doldu (fatura geldikten sonra 8 gün); artık sistem üzerinden "
    "KABUL/RED verilemez.":
        "The time to answer ended on {0} (8 days after the invoice arrived); KABUL/RED can no "
        "longer be given through the system.",
    "Yanıt: {0} ({1}).": "Answer: {0} ({1}).",
    "Son yanıt günü: {0} ({1} gün kaldı).": "Answer by: {0} ({1} days left).",
    "Faturanın aslını kaydet": "Save the invoice's original",
    "XML dosyası (*.xml)": "XML file (*.xml)",
    "Faturanın imzalı aslı kaydedildi:": "The invoice's signed original was saved:",
    "Faturayı KABUL et": "Accept the invoice",
    "Faturayı REDDET": "Reject the invoice",
    "{0} tarafından gönderilen {1} numaralı faturayı KABUL ediyorsunuz. Yanıt imzalanıp "
    "gönderene iletilir; bir kez verilir ve değiştirilemez. Emin misiniz?":
        "You are accepting invoice {1} sent by {0}. The answer is signed and sent to the "
        "sender; it is given once and cannot be changed. Are you sure?",
    "{0} tarafından gönderilen {1} numaralı faturayı REDDEDİYORSUNUZ. Reddetme nedenini yazın; "
    "gönderen bu metni görür. Yanıt imzalanıp gönderene iletilir; bir kez verilir ve "
    "değiştirilemez.":
        "You are REJECTING invoice {1} sent by {0}. Write the reason; the sender sees this "
        "text. The answer is signed and sent to the sender; it is given once and cannot be "
        "changed.",
    "Reddetme nedeni (en çok 500 karakter)": "Reason for rejecting (at most 500 characters)",
    "Reddetme nedenini yazın: neden olmadan RED yanıtı verilemez.":
        "Write the reason: a RED answer cannot be given without one.",
    "Reddetme nedeni en çok {0} karakter olabilir; şu an {1} karakter.":
        "The reason may be at most {0} characters; it is {1} characters now.",
    "İmzalanıyor…": "Signing…",
    "Bu senaryoda fatura Gümrük ve Ticaret Bakanlığına (VKN {0}) kesilir; Tezgâh yazar. "
    "Alıcıyı aşağıdaki bölüme yazın.":
        "In this scenario the invoice is addressed to the Ministry of Customs and Trade (VKN "
        "{0}); Tezgâh fills it in. Write the buyer in the section below.",
    "Yedek alınıyor…": "Making the backup…",
    "Atla": "Skip",
    "Yedek alınamadı": "The backup could not be made",
    "Yedek alındı ve doğrulandı.": "Backup made and verified.",
    'Veritabanı': 'Database',
    'Bu bilgisayar (SQLite)': 'This computer (SQLite)',
    'Paylaşılan sunucu (PostgreSQL)': 'Shared server (PostgreSQL)',
    'ör. kasa-sunucu ya da 192.168.1.10': 'e.g. till-server or 192.168.1.10',
    'Kullanıcı': 'User',
    'Adres': 'Address',
    'Bağlantıyı dene': 'Test the connection',
    'Veritabanı ayarını kaydet': 'Save the database setting',
    'Şu an kullanılan: {0}': 'In use now: {0}',
    '(--database-url ya da TEZGAH_DATABASE_URL ile verildi; bunlar buradaki ayardan önce gelir)':
        '(given with --database-url or TEZGAH_DATABASE_URL; these come before the setting here)',
    'Port bir sayı olmalı.': 'The port must be a number.',
    'Bağlanılıyor…': 'Connecting…',
    'Kaydedildi: {0}. Tezgâh yeniden başlatılınca kullanılır.':
        'Saved: {0}. Tezgâh uses it once it is restarted.',
    'bu bilgisayardaki SQLite dosyası': 'the SQLite file on this computer',
    'Yeniden başlat': 'Restart',
    'Yeni veritabanı ayarı Tezgâh yeniden başlatılınca kullanılır. Şimdi yeniden başlatılsın mı?':
        'The new database setting is used once Tezgâh is restarted. Restart now?',
    'Sonra': 'Later',
    'Veriler paylaşılan bir sunucuda (PostgreSQL)…':
        'The data is on a shared server (PostgreSQL)…',
    # Muhasebeci için dışa aktar (ui/dialogs/accounting_export.py)
    "Muhasebeci için dışa aktar…": "Export for the accountant…",
    "Muhasebeci için dışa aktar": "Export for the accountant",
    "Dönemin kesilen ve gelen faturaları, tutarları imzalı belgelerden okunarak tek dosyada: "
    "her fatura bir satır; Excel dosyasında ayrıca KDV oranı sayfaları ve aylık KDV özeti. "
    "Taslaklar yazılmaz; iptal edilenler işaretlenir, toplamlara katılmaz.":
        "The period's issued and received invoices in one file, their amounts read from the "
        "signed documents: one row per invoice; the Excel file also has a sheet per VAT rate "
        "and a monthly VAT summary. Drafts are not written; cancelled invoices are marked and "
        "left out of the totals.",
    "Dönem": "Period",
    "Satışlar (kesilen faturalar)": "Sales (issued invoices)",
    "Alışlar (gelen faturalar)": "Purchases (received invoices)",
    "Tümü (satışlar ve alışlar)": "All (sales and purchases)",
    "Excel (.xlsx)": "Excel (.xlsx)",
    "CSV (.csv, noktalı virgüllü)": "CSV (.csv, semicolon-separated)",
    "Biçim": "Format",
    "Seç…": "Choose…",
    "Dosya": "File",
    "Aynı dönemin asıl belgeleri (zip)": "The same period's original documents (zip)",
    "İmzalı faturalar, yanıtlar, e-Arşiv raporları ve zarflar saklandıkları gibi; dizin ve "
    "SHA-256 özetleriyle tek zip dosyasında, seçilen dosyanın yanında.":
        "Signed invoices, responses, e-Arşiv reports and envelopes as stored, with an index "
        "and SHA-256 digests, in one zip file beside the chosen file.",
    "Dışa aktar": "Export",
    "Zip: {0}": "Zip: {0}",
    "Excel dosyası (*.xlsx)": "Excel file (*.xlsx)",
    "CSV dosyası (*.csv)": "CSV file (*.csv)",
    "Dışa aktarılacak dosya": "File to export to",
    "Kaydedilecek dosyayı seçin.": "Choose the file to save.",
    "Dosya zaten var": "File already exists",
    "Bu dosya zaten var; üzerine yazılsın mı?": "This file already exists; overwrite it?",
    "Bu dosyalar zaten var; üzerine yazılsın mı?": "These files already exist; overwrite them?",
    "Üzerine yaz": "Overwrite",
    "Başlıyor…": "Starting…",
    "Asıl belgeler zip'e yazılıyor… {0}/{1}": "Writing the original documents to the zip… {0}/{1}",
    "Faturalar okunuyor…": "Reading the invoices…",
    "Dosya yazılıyor…": "Writing the file…",
    "Dışa aktarıldı": "Exported",
    "{0} fatura dışa aktarıldı ({1}–{2}).": "{0} invoices exported ({1}–{2}).",
    "Satışlar: {0} fatura · matrah {1} · hesaplanan KDV {2} · tevkifat {3} · ödenecek {4}":
        "Sales: {0} invoices · VAT base {1} · VAT charged {2} · withholding {3} · payable {4}",
    "Alışlar: {0} fatura · matrah {1} · indirilecek KDV {2} · tevkifat {3} · ödenecek {4}":
        "Purchases: {0} invoices · VAT base {1} · deductible VAT {2} · withholding {3} · "
        "payable {4}",
    "{0} fatura (iptal, ret ya da GİB reddi) listede işaretli, toplamlara katılmadı.":
        "{0} invoices (cancelled, rejected or refused by GİB) are marked in the list and left "
        "out of the totals.",
    "Asıl belgeler: {0} belge, {1} görünüm, zip dosyasında.":
        "Original documents: {0} documents, {1} views, in the zip file.",
    "Uyarı: {0} belge okunamadı; dosyada yoklar:":
        "Warning: {0} documents could not be read; they are not in the file:",
    # Ayarlar › Diğer programlar (ui/pages/api_settings.py)
    "Diğer programlar": "Other software",
    "Kasa programı, ön muhasebe (ERP) ya da e-ticaret sitesi Tezgâh'a iki yoldan fatura "
    "bırakabilir: bu bilgisayardaki yerel API (HTTP) ya da izlenen klasör. Gelenler taslak "
    "olur; kesmek ve imzalamak burada kalır.":
        "A till, an accounting program (ERP) or a web shop can hand invoices to Tezgâh in two "
        "ways: the local API (HTTP) on this computer or the watched folder. What arrives "
        "becomes a draft; issuing and signing stay here.",
    "API portu": "API port",
    "Ağa aç (başka bilgisayarlar erişebilir)": "Open to the network (other computers can connect)",
    "Kapalıyken yalnızca bu bilgisayardaki programlar erişir (127.0.0.1). Açıkken aynı ağdaki "
    "her bilgisayar API'ye ulaşabilir; yine de API anahtarı gerekir. Yalnızca güvendiğiniz iş "
    "yeri ağında açın, internete açık bir ağda açmayın.":
        "When off, only programs on this computer can connect (127.0.0.1). When on, every "
        "computer on the same network can reach the API; an API key is still required. Turn it "
        "on only in a workplace network you trust, never on a network open to the internet.",
    "API ile toplu imzaya izin ver (tek PIN ile bir parti)":
        "Allow batch signing through the API (one PIN per batch)",
    "Kapalıyken (önerilen) diğer programlar yalnızca taslak bırakır; faturayı kesmek ve mali "
    "mühür/e-imza ile imzalamak bu pencerede, kartın başındaki kişinin işidir. Açıkken bir "
    "program bir parti taslağı kartın PIN'iyle tek seferde kestirebilir.":
        "When off (recommended), other programs only leave drafts; issuing an invoice and "
        "signing it with the e-seal/e-signature card is done in this window by the person at "
        "the card. When on, a program can have a batch of drafts issued at once with the "
        "card's PIN.",
    "Yerel API": "Local API",
    "Klasör": "Folder",
    "İzlenen klasörü kullan": "Use the watched folder",
    "Bu klasöre bırakılan fatura dosyaları (JSON ya da imzasız UBL-TR XML) taslak olur; "
    "işlenenler 'islenen', hatalı olanlar nedenini yazan bir notla 'hatalı' alt klasörüne "
    "taşınır.":
        "Invoice files (JSON or unsigned UBL-TR XML) left in this folder become drafts; "
        "processed files move to the 'islenen' sub-folder, refused ones to 'hatalı' with a "
        "note saying why.",
    "İzlenen klasör": "Watched folder",
    "Komut satırında:": "On the command line:",
    "{0}  — API'yi bu ayarlarla başlatır": "{0}  — starts the API with these settings",
    "{0}  — diğer programlar için API anahtarı üretir":
        "{0}  — makes an API key for other programs",
    "Diğer programlar ayarlarını kaydet": "Save the other software settings",
    "boş: {0}": "empty: {0}",
    "Kullanılan klasör: {0}": "Folder in use: {0}",
    "Diğer programlar ayarları kaydedildi. Çalışan bir 'tezgah api serve' yeniden başlatılınca "
    "geçerli olur.": "The other software settings were saved. A running 'tezgah api serve' "
                     "uses them once it is restarted.",
    'Klasörden {0} taslak geldi': '{0} draft(s) came from the folder',
    '{0} dosya hatalı: {1}': '{0} file(s) refused: {1}',
    '{0} dosya işlenemedi, yeniden denenecek: {1}':
        '{0} file(s) could not be processed; tried again: {1}',
    # İrsaliyeler (e-İrsaliye: despatch advices) and the despatch form
    "İrsaliyeler": "Despatch Advices",
    "İrsaliye taslağı": "Despatch advice draft",
    "Yeni irsaliye": "New despatch advice",
    "İrsaliye tarihi": "Despatch advice date",
    "Sevk tarihi ve saati": "Date and time the goods leave",
    "kâğıt irsaliyenin numarası": "number of the printed despatch note",
    "Matbu irsaliye": "Printed despatch note",
    "İDİS sevkiyat no": "İDİS shipment no.",
    "Alıcı (malı teslim alan)": "Receiver (who takes delivery)",
    "Kalemler": "Lines",
    "Her satır ayrı bir not": "One note per line",
    "Notlar": "Notes",
    "Taslak kaydet": "Save draft",
    "Mal adı": "Goods",
    "HKS künye no": "HKS künye no.",
    "İDİS etiket no": "İDİS label no.",
    "Satırı sil": "Delete line",
    "İrsaliye {0}": "Despatch advice {0}",
    "TEST — demo sertifikasıyla imzalandı; geçerli irsaliye değildir.":
        "TEST — signed with the demo certificate; not a valid despatch advice.",
    "PDF olarak kaydet (Ctrl+S)": "Save as PDF (Ctrl+S)",
    "İrsaliye PDF olarak kaydedildi:": "Despatch advice saved as PDF:",
    "Alıcı": "Receiver",
    "VKN/TCKN": "VKN/TCKN",
    "Ara: numara, alıcı, VKN/TCKN, ETTN (Ctrl+F)":
        "Search: number, receiver, VKN/TCKN, ETTN (Ctrl+F)",
    "Giden irsaliyeler": "Outgoing despatch advices",
    "Gelen irsaliyeler": "Incoming despatch advices",
    "Faturadan irsaliye": "Despatch advice from an invoice",
    "Kes": "Issue",
    "Seçilen taslakları keser: kart PIN'i bir kez sorulur.":
        "Issues the selected drafts: the card's PIN is asked once.",
    "Seçilen taslakları siler. Kesilmiş irsaliye silinemez: Vergi Usul Kanunu gereği "
    "saklanır.":
        "Deletes the selected drafts. An issued despatch advice cannot be deleted: the Tax "
        "Procedure Law requires it to be kept.",
    "{0} irsaliye": "{0} despatch advice(s)",
    "İrsaliye taslağı kaydedildi.": "Despatch advice draft saved.",
    "Kesmek için taslak seçin.": "Select the drafts to issue.",
    "{0} irsaliye kesildi: {1}": "{0} despatch advice(s) issued: {1}",
    "Kesilmiş irsaliye silinemez: numarası kullanılmıştır ve belge Vergi Usul Kanunu "
    "gereği saklanmalıdır.":
        "An issued despatch advice cannot be deleted: its number is used and the Tax "
        "Procedure Law requires the document to be kept.",
    "{0} irsaliye taslağı silinsin mi?": "Delete {0} despatch advice draft(s)?",
    "{0} irsaliye taslağı silindi.": "{0} despatch advice draft(s) deleted.",
    "Ara: numara, müşteri, VKN/TCKN": "Search: number, customer, VKN/TCKN",
    "İrsaliye hazırla": "Prepare despatch advice",
    "Kayıtlı müşteri: ad, VKN ya da TCKN yazın": "Saved customer: type a name, VKN or TCKN",
    "Taşıma": "Transport",
    "Taşıyan firma (kargo, nakliyeci)": "Carrier (courier, haulier)",
    "Kendi aracımız: şoför ve plaka": "Our own vehicle: driver and plate",
    "Taşıyan": "Carried by",
    "Unvan": "Company name",
    "11 haneli T.C. kimlik no": "11-digit Turkish ID no.",
    "Şoförün adı": "Driver's first name",
    "Şoförün soyadı": "Driver's family name",
    "Şoförün TCKN'si": "Driver's TCKN",
    "örnek 34 ABC 123": "e.g. 34 ABC 123",
    "Araç plakası": "Vehicle plate",
    "isteğe bağlı; birden çoksa virgülle": "optional; separate several with commas",
    "Dorse plakası": "Trailer plate",
    "Teslim adresi alıcının adresinden farklı": "Delivery address differs from the receiver's",
    "İrsaliyeler kesiliyor": "Issuing despatch advices",
    "Alıcının irsaliye yanıtı: {0}": "The receiver's receipt advice: {0}",
    "Bu irsaliyeye yanıt verildi: {0} ({1}). İrsaliye yanıtı bir kez verilir.":
        "This despatch advice was answered: {0} ({1}). A receipt advice is given once.",
    "Bu irsaliyeye {0} tarihine kadar yanıt verebilirsiniz (teslim alınan, eksik, fazla ya da "
    "reddedilen mallar).":
        "You may answer this despatch advice until {0} (goods received, short, oversupplied "
        "or rejected).",
    "Bugün son gün": "Today is the last day",
    "Eksik": "Short",
    "Fazla": "Oversupply",
    "Gönderilen": "Despatched",
    "Hepsi teslim alındı": "All received",
    "Her satırda irsaliyedeki miktarın tamamı teslim alındı; eksik, fazla ya da reddedilen yok.":
        "Every line's despatched quantity received in full; nothing short, oversupplied or "
        "rejected.",
    "Kabul edilen": "Accepted",
    "Neden / açıklama": "Reason / note",
    "Not:": "Note:",
    "Reddedilen": "Rejected",
    "Süresi doldu": "Expired",
    "Teslim alınan": "Received",
    "Yanıt için kalan": "Left to answer",
    "Yanıt süresi doldu: son gün {0} idi (irsaliye alındıktan sonra 7 gün). Bu irsaliyeye "
    "artık sistem üzerinden yanıt verilemez.":
        "The time to answer is over: the last day was {0} (7 days after the despatch advice "
        "arrived). This despatch advice can no longer be answered through the system.",
    "Yanıtlandı": "Answered",
    "Yanıtı imzala ve gönder": "Sign and send the answer",
    "Yanıtın genel notu (isteğe bağlı)": "A note on the whole answer (optional)",
    "{0} gün": "{0} days",
    "{0} tarafından gönderilen {1} numaralı irsaliyede her satır için teslim aldığınız "
    "miktarı yazın. Eksik, fazla ya da reddedilen mal varsa nedenini yazın. Yanıt imzalanıp "
    "gönderene iletilir; bir kez verilir ve değiştirilemez.":
        "For each line of despatch advice {1} sent by {0}, type the quantity you received. "
        "If goods are short, oversupplied or rejected, write why. The answer is signed and "
        "sent to the sender; it is given once and cannot be changed.",
    "İrsaliye yanıtı ver": "Answer the despatch advice",
    "İrsaliyedeki": "Despatched",
    "Faturalanmamış irsaliyeler: {0}": "Despatch advices not yet invoiced: {0}",
    "İrsaliyelerden ekle": "Add from despatch advices",
    "Bu irsaliyelerin kalemlerini faturaya ekler ve faturaya irsaliye numaralarını yazar.":
        "Adds these despatch advices' lines to the invoice and writes their numbers on it.",
    "Faturadaki irsaliyeler: {0}": "Despatch advices on this invoice: {0}",
}
