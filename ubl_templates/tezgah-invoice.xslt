<?xml version="1.0" encoding="UTF-8"?>
<!--
  Tezgâh invoice view (UBL-TR 1.2 Invoice → HTML).

  Plain XSLT 1.0 with no extension functions, no external documents and no scripts, so that
  GİB's e-Fatura Görüntüleyici, every browser and lxml run it alike. Tezgâh embeds it base64
  in every invoice it issues (cac:AdditionalDocumentReference, DocumentType XSLT).
  The layout follows Tezgâh's printed (PDF) invoice: "e-Fatura" heading at the top centre,
  issuer and customer blocks, invoice facts, lines, totals per tax, withholding, notes, payment.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:inv="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
    exclude-result-prefixes="inv cac cbc">

  <xsl:output method="html" version="4.0" encoding="UTF-8" indent="no"
      doctype-public="-//W3C//DTD HTML 4.01//EN"/>

  <!-- Turkish number format: 1.234,56 -->
  <xsl:decimal-format name="tr" decimal-separator="," grouping-separator="." NaN="" />

  <xsl:variable name="inv" select="/inv:Invoice"/>
  <xsl:variable name="cur" select="normalize-space($inv/cbc:DocumentCurrencyCode)"/>
  <xsl:variable name="earsiv" select="normalize-space($inv/cbc:ProfileID) = 'EARSIVFATURA'"/>

  <!-- ===== helpers ===== -->

  <xsl:template name="money">
    <xsl:param name="amount"/>
    <xsl:param name="currency" select="$cur"/>
    <xsl:if test="string(normalize-space($amount)) != ''">
      <xsl:value-of select="format-number(number(normalize-space($amount)), '#.##0,00', 'tr')"/>
      <xsl:text>&#160;</xsl:text>
      <xsl:choose>
        <xsl:when test="$currency = 'TRY' or $currency = 'TL' or $currency = ''">TL</xsl:when>
        <xsl:otherwise><xsl:value-of select="$currency"/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template name="number">
    <xsl:param name="value"/>
    <xsl:if test="string(normalize-space($value)) != ''">
      <xsl:value-of select="format-number(number(normalize-space($value)), '#.##0,########', 'tr')"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="date">
    <xsl:param name="value"/>
    <xsl:variable name="d" select="normalize-space($value)"/>
    <xsl:choose>
      <xsl:when test="string-length($d) &gt;= 10">
        <xsl:value-of select="concat(substring($d, 9, 2), '.', substring($d, 6, 2), '.', substring($d, 1, 4))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- UN/ECE Rec. 20 unit codes most used in Turkey, with their Turkish names -->
  <xsl:template name="unit">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'C62' or $code = 'NIU' or $code = 'H87'">Adet</xsl:when>
      <xsl:when test="$code = 'KGM'">kg</xsl:when>
      <xsl:when test="$code = 'GRM'">g</xsl:when>
      <xsl:when test="$code = 'TNE'">ton</xsl:when>
      <xsl:when test="$code = 'LTR'">lt</xsl:when>
      <xsl:when test="$code = 'MLT'">ml</xsl:when>
      <xsl:when test="$code = 'MTR'">m</xsl:when>
      <xsl:when test="$code = 'CMT'">cm</xsl:when>
      <xsl:when test="$code = 'KTM'">km</xsl:when>
      <xsl:when test="$code = 'MTK'">m²</xsl:when>
      <xsl:when test="$code = 'MTQ'">m³</xsl:when>
      <xsl:when test="$code = 'HUR'">saat</xsl:when>
      <xsl:when test="$code = 'MIN'">dakika</xsl:when>
      <xsl:when test="$code = 'DAY'">gün</xsl:when>
      <xsl:when test="$code = 'WEE'">hafta</xsl:when>
      <xsl:when test="$code = 'MON'">ay</xsl:when>
      <xsl:when test="$code = 'ANN'">yıl</xsl:when>
      <xsl:when test="$code = 'PA'">paket</xsl:when>
      <xsl:when test="$code = 'BX'">kutu</xsl:when>
      <xsl:when test="$code = 'PR'">çift</xsl:when>
      <xsl:when test="$code = 'SET'">takım</xsl:when>
      <xsl:when test="$code = 'KWH'">kWh</xsl:when>
      <xsl:when test="$code = 'MWH'">MWh</xsl:when>
      <xsl:when test="$code = 'SM3'">Sm³</xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="party-name">
    <xsl:param name="party"/>
    <xsl:choose>
      <xsl:when test="normalize-space($party/cac:PartyName/cbc:Name) != ''">
        <xsl:value-of select="$party/cac:PartyName/cbc:Name"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space(concat($party/cac:Person/cbc:Title, ' ',
            $party/cac:Person/cbc:FirstName, ' ', $party/cac:Person/cbc:MiddleName, ' ',
            $party/cac:Person/cbc:FamilyName))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="party-block">
    <xsl:param name="party"/>
    <xsl:variable name="a" select="$party/cac:PostalAddress"/>
    <div class="addr">
      <xsl:value-of select="normalize-space(concat($a/cbc:StreetName, ' ', $a/cbc:BuildingName, ' ',
          $a/cbc:BuildingNumber))"/>
      <xsl:if test="normalize-space($a/cbc:Room) != ''">
        <xsl:text> No: </xsl:text><xsl:value-of select="$a/cbc:Room"/>
      </xsl:if>
    </div>
    <div class="addr">
      <xsl:value-of select="normalize-space(concat($a/cbc:PostalZone, ' ', $a/cbc:CitySubdivisionName))"/>
      <xsl:if test="normalize-space($a/cbc:CityName) != ''">
        <xsl:text> / </xsl:text><xsl:value-of select="$a/cbc:CityName"/>
      </xsl:if>
      <xsl:if test="normalize-space($a/cac:Country/cbc:Name) != ''">
        <xsl:text> / </xsl:text><xsl:value-of select="$a/cac:Country/cbc:Name"/>
      </xsl:if>
    </div>
    <xsl:if test="normalize-space($party/cac:Contact/cbc:Telephone) != ''">
      <div>Tel: <xsl:value-of select="$party/cac:Contact/cbc:Telephone"/>
        <xsl:if test="normalize-space($party/cac:Contact/cbc:Telefax) != ''">
          <xsl:text> Faks: </xsl:text><xsl:value-of select="$party/cac:Contact/cbc:Telefax"/>
        </xsl:if>
      </div>
    </xsl:if>
    <xsl:if test="normalize-space($party/cac:Contact/cbc:ElectronicMail) != ''">
      <div>E-Posta: <xsl:value-of select="$party/cac:Contact/cbc:ElectronicMail"/></div>
    </xsl:if>
    <xsl:if test="normalize-space($party/cbc:WebsiteURI) != ''">
      <div>Web: <xsl:value-of select="$party/cbc:WebsiteURI"/></div>
    </xsl:if>
    <xsl:if test="normalize-space($party/cac:PartyTaxScheme/cac:TaxScheme/cbc:Name) != ''">
      <div>Vergi Dairesi: <xsl:value-of select="$party/cac:PartyTaxScheme/cac:TaxScheme/cbc:Name"/></div>
    </xsl:if>
    <xsl:for-each select="$party/cac:PartyIdentification/cbc:ID[normalize-space(.) != '']">
      <div>
        <xsl:choose>
          <xsl:when test="@schemeID = 'VKN'">VKN</xsl:when>
          <xsl:when test="@schemeID = 'TCKN'">TCKN</xsl:when>
          <xsl:otherwise><xsl:value-of select="@schemeID"/></xsl:otherwise>
        </xsl:choose>
        <xsl:text>: </xsl:text><xsl:value-of select="."/>
      </div>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== page ===== -->

  <xsl:template match="/">
    <html>
      <head>
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <title><xsl:value-of select="$inv/cbc:ID"/></title>
        <style type="text/css">
          body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 11px;
                 color: #111; background: #fff; margin: 0; }
          .page { width: 800px; margin: 10px auto; padding: 10px; }
          table { border-collapse: collapse; }
          .top td { vertical-align: top; }
          .heading { text-align: center; font-size: 22px; font-weight: bold; letter-spacing: 1px;
                     padding-top: 20px; }
          .subheading { text-align: center; font-size: 12px; }
          .party { border-top: 1px solid #333; border-bottom: 1px solid #333; padding: 4px 0;
                   margin-bottom: 6px; }
          .name { font-weight: bold; font-size: 12px; }
          .facts td { border: 1px solid #555; padding: 2px 6px; }
          .facts td.k { font-weight: bold; background: #eee; }
          .lines { width: 100%; margin-top: 10px; }
          .lines th { border: 1px solid #333; background: #e6e6e6; padding: 3px; font-size: 10px; }
          .lines td { border: 1px solid #777; padding: 2px 4px; font-size: 10px; }
          .num { text-align: right; white-space: nowrap; }
          .totals { margin-top: 8px; margin-left: auto; }
          .totals td { border: 1px solid #555; padding: 2px 6px; }
          .totals td.k { font-weight: bold; text-align: right; background: #eee; }
          .payable td { font-weight: bold; font-size: 12px; }
          .notes { margin-top: 10px; border: 1px solid #777; padding: 4px; }
          .mark { font-weight: bold; }
        </style>
      </head>
      <body>
        <div class="page">
          <xsl:apply-templates select="$inv"/>
        </div>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="inv:Invoice">
    <xsl:variable name="sup" select="cac:AccountingSupplierParty/cac:Party"/>
    <xsl:variable name="cus" select="cac:AccountingCustomerParty/cac:Party"/>

    <!-- issuer left, heading centre, facts right -->
    <table class="top" width="100%">
      <tr>
        <td width="38%">
          <div class="party">
            <div class="name"><xsl:call-template name="party-name">
              <xsl:with-param name="party" select="$sup"/></xsl:call-template></div>
            <xsl:call-template name="party-block"><xsl:with-param name="party" select="$sup"/></xsl:call-template>
          </div>
        </td>
        <td width="24%">
          <div class="heading" id="baslik">
            <xsl:choose>
              <xsl:when test="$earsiv">e-Arşiv Fatura</xsl:when>
              <xsl:otherwise>e-Fatura</xsl:otherwise>
            </xsl:choose>
          </div>
        </td>
        <td width="38%"></td>
      </tr>
    </table>

    <table class="top" width="100%">
      <tr>
        <td width="55%">
          <div class="party">
            <div>SAYIN</div>
            <div class="name" id="alici"><xsl:call-template name="party-name">
              <xsl:with-param name="party" select="$cus"/></xsl:call-template></div>
            <xsl:call-template name="party-block"><xsl:with-param name="party" select="$cus"/></xsl:call-template>
          </div>
          <xsl:if test="cac:BuyerCustomerParty/cac:Party/cac:Person">
            <xsl:variable name="buyer" select="cac:BuyerCustomerParty/cac:Party"/>
            <div class="party">
              <div class="name">Alıcı (Yolcu): <xsl:value-of select="normalize-space(concat(
                  $buyer/cac:Person/cbc:FirstName, ' ', $buyer/cac:Person/cbc:FamilyName))"/></div>
              <xsl:if test="$buyer/cac:Person/cbc:NationalityID">
                <div>Uyruğu: <xsl:value-of select="$buyer/cac:Person/cbc:NationalityID"/></div>
              </xsl:if>
              <xsl:if test="$buyer/cac:Person/cac:IdentityDocumentReference/cbc:ID">
                <div>Pasaport No: <xsl:value-of select="$buyer/cac:Person/cac:IdentityDocumentReference/cbc:ID"/></div>
              </xsl:if>
            </div>
          </xsl:if>
          <xsl:if test="cac:TaxRepresentativeParty">
            <div class="party">
              <div class="name">Aracı Kurum</div>
              <xsl:for-each select="cac:TaxRepresentativeParty/cac:PartyIdentification/cbc:ID">
                <div><xsl:value-of select="@schemeID"/>: <xsl:value-of select="."/></div>
              </xsl:for-each>
            </div>
          </xsl:if>
        </td>
        <td width="5%"></td>
        <td width="40%">
          <table class="facts" width="100%">
            <tr><td class="k">Özelleştirme No</td><td><xsl:value-of select="cbc:CustomizationID"/></td></tr>
            <tr><td class="k">Senaryo</td><td id="senaryo"><xsl:value-of select="cbc:ProfileID"/></td></tr>
            <tr><td class="k">Fatura Tipi</td><td id="tip"><xsl:value-of select="cbc:InvoiceTypeCode"/></td></tr>
            <tr><td class="k">Fatura No</td><td id="faturano"><xsl:value-of select="cbc:ID"/></td></tr>
            <tr><td class="k">Fatura Tarihi</td><td>
              <xsl:call-template name="date"><xsl:with-param name="value" select="cbc:IssueDate"/></xsl:call-template>
              <xsl:if test="normalize-space(cbc:IssueTime) != ''">
                <xsl:text> </xsl:text><xsl:value-of select="substring(normalize-space(cbc:IssueTime), 1, 5)"/>
              </xsl:if>
            </td></tr>
            <xsl:for-each select="cac:OrderReference">
              <tr><td class="k">Sipariş No</td><td><xsl:value-of select="cbc:ID"/></td></tr>
              <xsl:if test="cbc:IssueDate">
                <tr><td class="k">Sipariş Tarihi</td><td>
                  <xsl:call-template name="date"><xsl:with-param name="value" select="cbc:IssueDate"/></xsl:call-template>
                </td></tr>
              </xsl:if>
            </xsl:for-each>
            <xsl:for-each select="cac:DespatchDocumentReference">
              <tr><td class="k">İrsaliye No</td><td><xsl:value-of select="cbc:ID"/></td></tr>
              <xsl:if test="cbc:IssueDate">
                <tr><td class="k">İrsaliye Tarihi</td><td>
                  <xsl:call-template name="date"><xsl:with-param name="value" select="cbc:IssueDate"/></xsl:call-template>
                </td></tr>
              </xsl:if>
            </xsl:for-each>
            <xsl:for-each select="cac:BillingReference/cac:InvoiceDocumentReference">
              <tr><td class="k">İade Edilen Fatura</td><td><xsl:value-of select="cbc:ID"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="value" select="cbc:IssueDate"/></xsl:call-template>
              </td></tr>
            </xsl:for-each>
            <xsl:if test="$cur != 'TRY' and cac:PricingExchangeRate/cbc:CalculationRate">
              <tr><td class="k">Döviz Kuru</td><td>1 <xsl:value-of select="$cur"/> = <xsl:call-template name="number">
                <xsl:with-param name="value" select="cac:PricingExchangeRate/cbc:CalculationRate"/></xsl:call-template> TL</td></tr>
            </xsl:if>
          </table>
        </td>
      </tr>
    </table>

    <div style="margin-top:6px"><span class="mark">ETTN: </span><span id="ettn"><xsl:value-of select="cbc:UUID"/></span></div>

    <table class="lines">
      <tr>
        <th>Sıra No</th><th>Mal/Hizmet</th><th>Miktar</th><th>Birim</th><th>Birim Fiyat</th>
        <th>İskonto</th><th>KDV Oranı</th><th>KDV Tutarı</th><th>Diğer Vergiler</th><th>Mal/Hizmet Tutarı</th>
      </tr>
      <xsl:for-each select="cac:InvoiceLine">
        <xsl:variable name="kdv" select="cac:TaxTotal/cac:TaxSubtotal[cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode = '0015']"/>
        <tr>
          <td class="num"><xsl:value-of select="position()"/></td>
          <td>
            <xsl:value-of select="cac:Item/cbc:Name"/>
            <xsl:if test="normalize-space(cac:Item/cbc:Description) != ''">
              <br/><small><xsl:value-of select="cac:Item/cbc:Description"/></small>
            </xsl:if>
          </td>
          <td class="num"><xsl:call-template name="number"><xsl:with-param name="value" select="cbc:InvoicedQuantity"/></xsl:call-template></td>
          <td><xsl:call-template name="unit"><xsl:with-param name="code" select="cbc:InvoicedQuantity/@unitCode"/></xsl:call-template></td>
          <td class="num"><xsl:call-template name="money">
            <xsl:with-param name="amount" select="cac:Price/cbc:PriceAmount"/>
            <xsl:with-param name="currency" select="cac:Price/cbc:PriceAmount/@currencyID"/></xsl:call-template></td>
          <td class="num">
            <xsl:for-each select="cac:AllowanceCharge[cbc:ChargeIndicator = 'false' and number(cbc:Amount) != 0]">
              <xsl:if test="cbc:MultiplierFactorNumeric">
                <xsl:text>%</xsl:text><xsl:value-of select="format-number(number(cbc:MultiplierFactorNumeric) * 100, '#.##0,##', 'tr')"/><br/>
              </xsl:if>
              <xsl:call-template name="money"><xsl:with-param name="amount" select="cbc:Amount"/>
                <xsl:with-param name="currency" select="cbc:Amount/@currencyID"/></xsl:call-template>
            </xsl:for-each>
          </td>
          <td class="num"><xsl:if test="$kdv">%<xsl:value-of select="format-number(number($kdv[1]/cbc:Percent), '#.##0,##', 'tr')"/></xsl:if></td>
          <td class="num"><xsl:if test="$kdv"><xsl:call-template name="money">
            <xsl:with-param name="amount" select="sum($kdv/cbc:TaxAmount)"/></xsl:call-template></xsl:if></td>
          <td>
            <xsl:for-each select="cac:TaxTotal/cac:TaxSubtotal[cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode != '0015']
                | cac:WithholdingTaxTotal/cac:TaxSubtotal">
              <div>
                <xsl:value-of select="cac:TaxCategory/cac:TaxScheme/cbc:Name"/>
                <xsl:text> (</xsl:text><xsl:value-of select="cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode"/>
                <xsl:text>) %</xsl:text><xsl:value-of select="cbc:Percent"/>
                <xsl:text> = </xsl:text>
                <xsl:call-template name="money"><xsl:with-param name="amount" select="cbc:TaxAmount"/></xsl:call-template>
              </div>
            </xsl:for-each>
          </td>
          <td class="num"><xsl:call-template name="money">
            <xsl:with-param name="amount" select="cbc:LineExtensionAmount"/>
            <xsl:with-param name="currency" select="cbc:LineExtensionAmount/@currencyID"/></xsl:call-template></td>
        </tr>
      </xsl:for-each>
    </table>

    <xsl:variable name="lmt" select="cac:LegalMonetaryTotal"/>
    <table class="totals">
      <tr><td class="k">Mal Hizmet Toplam Tutarı</td><td class="num"><xsl:call-template name="money">
        <xsl:with-param name="amount" select="$lmt/cbc:LineExtensionAmount"/></xsl:call-template></td></tr>
      <tr><td class="k">Toplam İskonto</td><td class="num"><xsl:call-template name="money">
        <xsl:with-param name="amount" select="sum($lmt/cbc:AllowanceTotalAmount)"/></xsl:call-template></td></tr>
      <xsl:if test="number($lmt/cbc:ChargeTotalAmount) &gt; 0">
        <tr><td class="k">Toplam Artırım</td><td class="num"><xsl:call-template name="money">
          <xsl:with-param name="amount" select="$lmt/cbc:ChargeTotalAmount"/></xsl:call-template></td></tr>
      </xsl:if>
      <xsl:for-each select="cac:TaxTotal/cac:TaxSubtotal">
        <tr><td class="k">
          <xsl:choose>
            <xsl:when test="cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode = '0015'">Hesaplanan KDV</xsl:when>
            <xsl:otherwise>Hesaplanan <xsl:value-of select="cac:TaxCategory/cac:TaxScheme/cbc:Name"/>
              (<xsl:value-of select="cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode"/>)</xsl:otherwise>
          </xsl:choose>
          <xsl:text> (%</xsl:text><xsl:value-of select="format-number(number(cbc:Percent), '#.##0,##', 'tr')"/><xsl:text>)</xsl:text>
        </td><td class="num"><xsl:call-template name="money">
          <xsl:with-param name="amount" select="cbc:TaxAmount"/></xsl:call-template></td></tr>
        <xsl:if test="normalize-space(cac:TaxCategory/cbc:TaxExemptionReasonCode) != ''">
          <tr><td class="k">Muafiyet Sebebi</td><td><xsl:value-of select="cac:TaxCategory/cbc:TaxExemptionReasonCode"/>
            <xsl:text> </xsl:text><xsl:value-of select="cac:TaxCategory/cbc:TaxExemptionReason"/></td></tr>
        </xsl:if>
      </xsl:for-each>
      <xsl:for-each select="cac:WithholdingTaxTotal/cac:TaxSubtotal">
        <tr><td class="k">KDV Tevkifat Tutarı (<xsl:value-of select="cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode"/>
          <xsl:text>) (%</xsl:text><xsl:value-of select="format-number(number(cbc:Percent), '#.##0,##', 'tr')"/><xsl:text>)</xsl:text>
        </td><td class="num"><xsl:call-template name="money">
          <xsl:with-param name="amount" select="cbc:TaxAmount"/></xsl:call-template></td></tr>
      </xsl:for-each>
      <tr><td class="k">Vergiler Dahil Toplam Tutar</td><td class="num"><xsl:call-template name="money">
        <xsl:with-param name="amount" select="$lmt/cbc:TaxInclusiveAmount"/></xsl:call-template></td></tr>
      <tr class="payable"><td class="k">Ödenecek Tutar</td><td class="num" id="odenecek"><xsl:call-template name="money">
        <xsl:with-param name="amount" select="$lmt/cbc:PayableAmount"/></xsl:call-template></td></tr>
    </table>

    <xsl:if test="cbc:Note[normalize-space(.) != ''] or cac:PaymentMeans or cac:PaymentTerms or $earsiv">
      <div class="notes">
        <xsl:for-each select="cbc:Note[normalize-space(.) != '']">
          <div><xsl:value-of select="."/></div>
        </xsl:for-each>
        <xsl:for-each select="cac:PaymentMeans">
          <xsl:if test="normalize-space(cac:PayeeFinancialAccount/cbc:ID) != ''">
            <div><span class="mark">IBAN / Hesap: </span><xsl:value-of select="cac:PayeeFinancialAccount/cbc:ID"/>
              <xsl:if test="normalize-space(cac:PayeeFinancialAccount/cbc:PaymentNote) != ''">
                <xsl:text> — </xsl:text><xsl:value-of select="cac:PayeeFinancialAccount/cbc:PaymentNote"/>
              </xsl:if>
            </div>
          </xsl:if>
          <xsl:if test="normalize-space(cbc:PaymentDueDate) != ''">
            <div><span class="mark">Son Ödeme Tarihi: </span><xsl:call-template name="date">
              <xsl:with-param name="value" select="cbc:PaymentDueDate"/></xsl:call-template></div>
          </xsl:if>
        </xsl:for-each>
        <xsl:for-each select="cac:PaymentTerms">
          <div><span class="mark">Ödeme Koşulları: </span><xsl:value-of select="cbc:Note"/>
            <xsl:if test="normalize-space(cbc:PaymentDueDate) != ''">
              <xsl:text> (Vade: </xsl:text><xsl:call-template name="date">
                <xsl:with-param name="value" select="cbc:PaymentDueDate"/></xsl:call-template><xsl:text>)</xsl:text>
            </xsl:if>
          </div>
        </xsl:for-each>
        <xsl:if test="$earsiv">
          <xsl:variable name="sending" select="cac:AdditionalDocumentReference[
              translate(normalize-space(cbc:DocumentTypeCode), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'SENDINGTYPE'
              or translate(normalize-space(cbc:DocumentType), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'SENDINGTYPE'
              or normalize-space(cbc:DocumentTypeCode) = 'GONDERIM_SEKLI']"/>
          <div class="mark">e-Arşiv izni kapsamında elektronik ortamda iletilmiştir.</div>
          <xsl:if test="$sending">
            <div><span class="mark">Gönderim Şekli: </span><xsl:value-of select="$sending[1]/cbc:ID"/></div>
          </xsl:if>
        </xsl:if>
      </div>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
