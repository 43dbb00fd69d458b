<?xml version="1.0" encoding="UTF-8"?>
<!-- Tezgâh invoice view (UBL-TR Invoice to HTML), embedded in every invoice Tezgâh issues; plain
XSLT 1.0. The default mode writes a value (amount, date, reference, code, text); mode l writes
"label: value" for the fields $L names (by element name; an ID or Name by its parent's name),
p a party, n its name. -->
<x:stylesheet version="1.0" xmlns:x="http://www.w3.org/1999/XSL/Transform"
xmlns:i="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
exclude-result-prefixes="i cac cbc">
<x:output method="html" encoding="UTF-8" doctype-public="-//W3C//DTD HTML 4.01//EN"/>
<x:decimal-format name="tr" decimal-separator="," grouping-separator="." NaN=""/>
<!-- the karekod picture (base64 PNG) Tezgâh passes when it shows an invoice itself; a viewer
passes nothing and the picture the invoice carries (app.ubl.karekod) is shown -->
<x:param name="kq"/>
<x:variable name="I" select="/i:Invoice"/>
<x:variable name="cur" select="substring(concat($I/cbc:DocumentCurrencyCode,'TRY'),1,3)"/>
<x:variable name="ea" select="$I/cbc:ProfileID='EARSIVFATURA'"/>
<x:variable name="a" select="'abcdefghijklmnopqrstuvwxyzİĞ'"/>
<x:variable name="A" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZIG'"/>
<!-- e-Arşiv sending type: a SendingType reference's ID, else the note "Gönderim Şekli: …" -->
<x:variable name="sr" select="translate($I/cac:AdditionalDocumentReference[contains(translate(concat(cbc:DocumentTypeCode,
'|',cbc:DocumentType),$a,$A),'SENDINGTYPE') or cbc:DocumentTypeCode='GONDERIM_SEKLI']/cbc:ID,$a,$A)"/>
<x:variable name="send" select="normalize-space(concat($sr,translate(substring-after($I/cbc:Note[not($sr)][starts-with(
normalize-space(),'Gönderim Şekli')],':'),$a,$A)))"/>
<x:variable name="L" select="'|CustomizationID=Özelleştirme No|ProfileID=Senaryo|InvoiceTypeCode=Fatura Tipi|IssueDate=Fatura Tarihi|IssueTime=Saat|OrderReference=Sipariş No|InvoiceDocumentReference=İade Edilen Fatura|DespatchDocumentReference=İrsaliye No|ContractDocumentReference=Sözleşme No|ContractDocumentReferenceYTBNO=Yatırım Teşvik No|DeliveryTerms=Teslim Şartı|TransportModeCode=Gönderilme Şekli|Telephone=Tel|Telefax=Faks|ElectronicMail=E-Posta|WebsiteURI=Web|TaxScheme=Vergi Dairesi|NationalityID=Uyruğu|IdentityDocumentReference=Pasaport No|ModelName=Model|ItemClassificationCode=Sınıf|SerialID=Seri No|RequiredCustomsID=GTİP|PayeeFinancialAccount=IBAN / Hesap|PaymentMeansCode=Ödeme şekli|PaymentDueDate=Son Ödeme Tarihi|PaymentTerms=Ödeme Koşulları|ActualDespatchDate=Gönderim tarihi|LineExtensionAmount=Mal Hizmet Toplam Tutarı|AllowanceTotalAmount=Toplam İskonto|ChargeTotalAmount=Toplam Artırım|TaxInclusiveAmount=Vergiler Dahil Toplam Tutar|C62=Adet|NIU=Adet|H87=Adet|KGM=kg|GRM=g|TNE=ton|LTR=lt|MLT=ml|MTR=m|CMT=cm|KTM=km|MTK=m²|MTQ=m³|HUR=saat|MIN=dakika|DAY=gün|WEE=hafta|MON=ay|ANN=yıl|PA=paket|BX=kutu|PR=çift|SET=takım|KWH=kWh|MWH=MWh|SM3=Sm³|10=Nakit|20=Çek|30=Havale/EFT|31=Havale/EFT|42=Banka hesabına ödeme|48=Kredi kartı|54=Kredi kartı|55=Banka kartı|68=Online ödeme|'"/>
<!-- the label of the context field: $L by its name (an ID or Name by its parent's, a YTBNO
contract as the incentive), else an Identification's schemeID; with k a code: its name or the code -->
<x:template name="L"><x:param name="k" select="concat(local-name(parent::*[current()[self::cbc:ID or self::cbc:Name]]|self::*[not(self::cbc:ID or
self::cbc:Name)]),cbc:ID/@schemeID[.='YTBNO'])"/><x:variable name="v" select="substring-before(substring-after($L,concat('|',$k,'=')),'|')"/><x:value-of
select="$v"/><x:if test="$v=''"><x:value-of select="@schemeID[contains(name(../..),'Identification')]|self::node()[$k=.]"/></x:if></x:template>
<x:template match="*" mode="l"><x:param name="s" select="': '"/><x:variable name="k"><x:call-template name="L"/></x:variable><x:if test="$k!='' and .!=''"><div><b><x:value-of
select="concat($k,$s)"/></b><x:apply-templates select="."/></div></x:if></x:template>
<!-- values: amounts in Turkish format (TL for TRY), dd.mm.yyyy dates, hh:mm, code names, references -->
<x:template match="cbc:*[@currencyID][.!='']"><x:variable name="c" select="substring(concat(@currencyID,$cur),1,3)"/><x:value-of
select="format-number(.,'#.##0,00######','tr')"/>&#160;<x:if test="$c='TRY'">TL</x:if><x:if test="$c!='TRY'"><x:value-of select="$c"/></x:if></x:template>
<x:template match="cbc:*[contains(local-name(),'Date')]"><x:value-of select="concat(substring(.,9,2),'.',substring(.,6,2),'.',substring(.,1,4))"/></x:template>
<x:template match="cbc:IssueTime"><x:value-of select="substring(.,1,5)"/></x:template>
<x:template match="cbc:PaymentMeansCode|@unitCode"><x:call-template name="L"><x:with-param name="k" select="string()"/></x:call-template></x:template>
<x:template match="cac:*"><x:value-of select="concat(cbc:ID,cbc:Note,' ',cbc:PaymentNote)"/><x:apply-templates select="cbc:IssueDate|cbc:PaymentDueDate"/></x:template>
<x:template match="*" mode="n"><x:variable name="n" select="(cac:PartyName/cbc:Name|cac:PartyLegalEntity[not(../cac:Person)]/cbc:RegistrationName)[.!='']"/><x:value-of
select="$n"/><x:for-each select="cac:Person[not($n)]"><x:value-of select="normalize-space(concat(cbc:Title,' ',cbc:FirstName,' ',cbc:MiddleName,' ',cbc:FamilyName))"/></x:for-each></x:template>
<x:template match="*" mode="p"><x:param name="h"/>
<div class="p"><x:value-of select="$h"/>
<div class="name"><x:if test="parent::cac:AccountingCustomerParty"><x:attribute
name="id">alici</x:attribute></x:if><x:apply-templates select="." mode="n"/></div><x:for-each select="cac:PostalAddress"><div><x:value-of
select="concat(cbc:StreetName,' ',cbc:BuildingName,' ',cbc:BuildingNumber)"/><x:for-each select="cbc:Room[.!='']"> No: <x:value-of select="."/></x:for-each></div><div><x:value-of
select="concat(cbc:PostalZone,' ',cbc:CitySubdivisionName)"/><x:for-each select="(cbc:CityName|cac:Country/cbc:Name)[.!='']"> / <x:value-of select="."/></x:for-each></div></x:for-each>
<x:apply-templates mode="l" select="cac:Contact/*|cbc:WebsiteURI|.//cac:TaxScheme/cbc:Name|*/cbc:ID|cac:Person/*"/></div></x:template>
<x:template match="cac:TaxSubtotal" mode="l"><x:variable name="s" select="cac:TaxCategory/cac:TaxScheme"/><div><b><x:choose><x:when
test="parent::cac:WithholdingTaxTotal">KDV Tevkifat Tutarı (<x:value-of select="$s/cbc:TaxTypeCode"/>)</x:when><x:when test="$s/cbc:TaxTypeCode='0015'">Hesaplanan KDV</x:when>
<x:otherwise>Hesaplanan <x:value-of select="concat($s/cbc:Name,' (',$s/cbc:TaxTypeCode,')')"/></x:otherwise></x:choose> (%<x:value-of
select="format-number(cbc:Percent,'#.##0,##','tr')"/>) </b><x:apply-templates select="cbc:TaxAmount"/></div><x:for-each
select="cac:TaxCategory[cbc:TaxExemptionReasonCode!='']"><div><b>Muafiyet Sebebi </b><x:value-of select="concat(cbc:TaxExemptionReasonCode,' ',cbc:TaxExemptionReason)"/></div></x:for-each></x:template>

<x:template match="/"><html><head><title><x:value-of select="$I/cbc:ID"/></title><style type="text/css">
body{font:11px "DejaVu Sans",Arial,sans-serif;width:800px;margin:10px auto}td{vertical-align:top}table{border-collapse:collapse;width:100%}.lines td,th{border:1px solid #777;padding:2px}
th{background:#eee}.name{font-weight:bold}.n,.t{text-align:right}.h{text-align:center;font:bold 22px sans-serif}.p{border:solid #333;border-width:1px 0;margin:4px 0}.f{border:1px solid #777;padding:4px;margin:8px 0}
</style></head><body><x:apply-templates select="$I"/></body></html></x:template>

<x:template match="i:Invoice"><x:variable name="t" select="cac:LegalMonetaryTotal"/>
<table>
<tr>
<td width="38%">
<x:apply-templates select="cac:AccountingSupplierParty/cac:Party" mode="p"/></td>
<td>
<div class="h" id="baslik">e-<x:if test="$ea">Arşiv </x:if>Fatura</div></td>
<td align="right"><div id="karekod"><x:variable name="k" select="normalize-space(concat($kq,substring(
cac:AdditionalDocumentReference[cbc:DocumentType='KAREKOD']/cac:Attachment/cbc:EmbeddedDocumentBinaryObject,1,99999*($kq=''))))"/><x:if test="$k!=''"><img alt="karekod" width="120" height="120"
style="image-rendering:pixelated" src="data:image/png;base64,{$k}"/></x:if></div></td></tr>
<tr>
<td colspan="2">
<x:apply-templates select="cac:AccountingCustomerParty/cac:Party" mode="p"><x:with-param name="h">SAYIN</x:with-param></x:apply-templates>
<x:apply-templates
select="cac:BuyerCustomerParty/cac:Party" mode="p"><x:with-param name="h">Alıcı<x:if test="cac:BuyerCustomerParty//cac:Person"> (Yolcu)</x:if>: </x:with-param></x:apply-templates>
<x:apply-templates
select="cac:TaxRepresentativeParty" mode="p"><x:with-param name="h">Aracı Kurum </x:with-param></x:apply-templates></td>
<td class="f"><div><b>Fatura No </b><span id="faturano"><x:value-of select="cbc:ID"/></span></div>
<x:apply-templates mode="l"
select="cbc:CustomizationID|cbc:ProfileID|cbc:IssueDate|cbc:IssueTime|cbc:InvoiceTypeCode|cac:OrderReference|cac:BillingReference/cac:InvoiceDocumentReference
|cac:DespatchDocumentReference|cac:ContractDocumentReference|cac:Delivery/cac:DeliveryTerms/cbc:ID|cac:Delivery//cbc:TransportModeCode"><x:with-param
name="s" select="' '"/></x:apply-templates><x:if test="$ea and $send!=''"><div><b>Gönderim Şekli </b><x:value-of select="$send"/></div></x:if><x:for-each
select="cac:PricingExchangeRate/cbc:CalculationRate[$cur!='TRY']"><div><b>Döviz Kuru </b>1 <x:value-of select="$cur"/> = <x:value-of
select="format-number(.,'#.##0,########','tr')"/> TL</div></x:for-each><div><b>ETTN </b><span id="ettn"><x:value-of select="cbc:UUID"/></span></div></td></tr></table>
<table class="lines">
<tr><th>Sıra No</th><th>Mal/Hizmet</th><th>Miktar</th><th>Birim</th><th>Birim Fiyat</th><th>İskonto</th><th>KDV Oranı</th><th>KDV Tutarı</th><th>Diğer
Vergiler</th><th>Mal/Hizmet Tutarı</th></tr>
<x:for-each select="cac:InvoiceLine"><x:variable name="k" select="cac:TaxTotal/cac:TaxSubtotal[cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode='0015']"/>
<tr>
<td><x:value-of select="position()"/></td>
<td><x:value-of select="cac:Item/cbc:Name"/><x:for-each select="cac:Item/cbc:Description"><div><x:value-of select="."/></div></x:for-each>
<!-- what a scenario adds to a line: künye, etiket, GTİP, model, serial, classification, delivery terms -->
<x:apply-templates mode="l" select="cac:Item/*|cac:Item/*/cbc:*|cac:Delivery//cbc:*"/></td>
<td class="n"><x:value-of
select="format-number(cbc:InvoicedQuantity,'#.##0,########','tr')"/></td>
<td><x:apply-templates select="cbc:InvoicedQuantity/@unitCode"/></td>
<td class="n">
<x:apply-templates
select="cac:Price/cbc:PriceAmount"/></td>
<td class="n"><x:for-each select="cac:AllowanceCharge[cbc:ChargeIndicator='false' and cbc:Amount!=0]"><x:for-each
select="cbc:MultiplierFactorNumeric">%<x:value-of select="format-number(.*100,'#.##0,##','tr')"/><br/></x:for-each><x:apply-templates select="cbc:Amount"/></x:for-each></td>
<td
class="n"><x:if test="$k">%<x:value-of select="format-number($k/cbc:Percent,'#.##0,##','tr')"/></x:if></td>
<td class="n"><x:apply-templates select="$k/cbc:TaxAmount"/></td>
<td><x:for-each
select="cac:TaxTotal/cac:TaxSubtotal[not(.=$k)]|cac:WithholdingTaxTotal/cac:TaxSubtotal"><div><x:value-of select="concat(.//cbc:Name,' (',.//cbc:TaxTypeCode,') %',cbc:Percent,' = ')"/><x:apply-templates
select="cbc:TaxAmount"/></div></x:for-each></td>
<td class="n"><x:apply-templates select="cbc:LineExtensionAmount"/></td></tr></x:for-each></table>
<div class="t">
<x:apply-templates mode="l" select="$t/cbc:LineExtensionAmount|$t/cbc:AllowanceTotalAmount|$t/cbc:ChargeTotalAmount[.&gt;0]|cac:TaxTotal/cac:TaxSubtotal
|cac:WithholdingTaxTotal/cac:TaxSubtotal|$t/cbc:TaxInclusiveAmount"><x:sort select="count(self::cac:TaxSubtotal)+2*count(self::cbc:TaxInclusiveAmount)"/><x:with-param name="s" select="' '"/></x:apply-templates><div><b>Ödenecek
Tutar </b><span id="odenecek"><x:apply-templates select="$t/cbc:PayableAmount"/></span></div></div>
<div class="f"><x:for-each select="cbc:Note[.!='']"><div><x:value-of select="."/></div></x:for-each>
<x:apply-templates mode="l" select="cac:PaymentMeans/*|cac:PaymentTerms"/><x:for-each
select="cac:Delivery/cac:CarrierParty[$ea]"><div>Bu satış internet üzerinden yapılmıştır.<x:for-each select="$I/cac:AccountingSupplierParty//cbc:WebsiteURI"> Satışın yapıldığı web
adresi: <x:value-of select="."/></x:for-each></div>
<x:apply-templates mode="l" select="../cac:Despatch/cbc:ActualDespatchDate"/><div>Gönderiyi taşıyan: <x:apply-templates select="."
mode="n"/> (<x:value-of select="cac:PartyIdentification/cbc:ID"/>)</div></x:for-each><x:if test="$ea and $send!='KAGIT'"><div>e-Arşiv izni kapsamında elektronik ortamda iletilmiştir.</div></x:if></div></x:template>
</x:stylesheet>
