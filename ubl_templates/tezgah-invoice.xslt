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
  <xsl:variable name="upper" select="'abcdefghijklmnopqrstuvwxyz'"/>
  <xsl:variable name="UPPER" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <!-- e-Arşiv sending type: AdditionalDocumentReference whose DocumentTypeCode or
       DocumentType says SendingType; the value (ELEKTRONIK / KAGIT) is its ID -->
  <xsl:variable name="sending-ref" select="translate(normalize-space($inv/cac:AdditionalDocumentReference[
      translate(normalize-space(cbc:DocumentTypeCode), $upper, $UPPER) = 'SENDINGTYPE'
      or translate(normalize-space(cbc:DocumentType), $upper, $UPPER) = 'SENDINGTYPE'
      or normalize-space(cbc:DocumentTypeCode) = 'GONDERIM_SEKLI'][1]/cbc:ID), $upper, $UPPER)"/>
  <!-- … or from a note "Gönderim Şekli: ELEKTRONIK" -->
  <xsl:variable name="sending-note"
      select="$inv/cbc:Note[starts-with(normalize-space(.), 'Gönderim Şekli')][1]"/>
  <xsl:variable name="sending">
    <xsl:choose>
      <xsl:when test="$sending-ref != ''"><xsl:value-of select="$sending-ref"/></xsl:when>
      <xsl:when test="$sending-note">
        <xsl:value-of select="translate(normalize-space(substring-after($sending-note, ':')),
            concat($upper, 'İĞ'), concat($UPPER, 'IG'))"/>
      </xsl:when>
    </xsl:choose>
  </xsl:variable>

  <!-- ===== helpers ===== -->

  <xsl:template name="money">
    <xsl:param name="amount"/>
    <xsl:param name="currency" select="$cur"/>
    <xsl:param name="pattern" select="'#.##0,00'"/>
    <xsl:if test="string(normalize-space($amount)) != ''">
      <xsl:value-of select="format-number(number(normalize-space($amount)), $pattern, 'tr')"/>
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

  <!-- UN/ECE 4461 payment means codes most used in Turkey -->
  <xsl:template name="payment-means">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = '10'">Nakit</xsl:when>
      <xsl:when test="$code = '20'">Çek</xsl:when>
      <xsl:when test="$code = '30' or $code = '31'">Havale/EFT</xsl:when>
      <xsl:when test="$code = '42'">Banka hesabına ödeme</xsl:when>
      <xsl:when test="$code = '48' or $code = '54'">Kredi kartı</xsl:when>
      <xsl:when test="$code = '55'">Banka kartı</xsl:when>
      <xsl:when test="$code = '68'">Online ödeme</xsl:when>
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

  <!-- ===== karekod (Karekod Standardı Kılavuzu V1.2 §2.1, §2.1.1, §2.2) ===== -->

  <!-- a JSON string value; '"' and '\' never occur in these fields and are dropped -->
  <xsl:template name="kv">
    <xsl:param name="key"/>
    <xsl:param name="value"/>
    <xsl:param name="last" select="false()"/>
    <xsl:value-of select="concat('&quot;', $key, '&quot;:&quot;',
        translate(normalize-space($value), '&quot;\', ''), '&quot;')"/>
    <xsl:if test="not($last)">,</xsl:if>
  </xsl:template>

  <xsl:template name="amount2">
    <xsl:param name="value"/>
    <xsl:if test="string(normalize-space($value)) != ''">
      <xsl:value-of select="format-number(number(normalize-space($value)), '0.00')"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="karekod-json">
    <xsl:variable name="sup" select="$inv/cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID[@schemeID = 'VKN' or @schemeID = 'TCKN']"/>
    <xsl:variable name="cus" select="$inv/cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID[@schemeID = 'VKN' or @schemeID = 'TCKN']"/>
    <xsl:variable name="lmt" select="$inv/cac:LegalMonetaryTotal"/>
    <xsl:text>{</xsl:text>
    <xsl:call-template name="kv"><xsl:with-param name="key" select="'vkntckn'"/><xsl:with-param name="value" select="$sup[1]"/></xsl:call-template>
    <xsl:call-template name="kv"><xsl:with-param name="key" select="'avkntckn'"/><xsl:with-param name="value" select="$cus[1]"/></xsl:call-template>
    <xsl:if test="normalize-space($inv/cbc:ProfileID) = 'YOLCUBERABERFATURA'">
      <xsl:call-template name="kv"><xsl:with-param name="key" select="'pasaportno'"/>
        <xsl:with-param name="value" select="$inv/cac:BuyerCustomerParty/cac:Party/cac:Person/cac:IdentityDocumentReference/cbc:ID"/></xsl:call-template>
      <xsl:call-template name="kv"><xsl:with-param name="key" select="'aracikurumvkn'"/>
        <xsl:with-param name="value" select="$inv/cac:TaxRepresentativeParty/cac:PartyIdentification/cbc:ID[@schemeID = 'ARACIKURUMVKN']"/></xsl:call-template>
    </xsl:if>
    <xsl:call-template name="kv"><xsl:with-param name="key" select="'senaryo'"/><xsl:with-param name="value" select="$inv/cbc:ProfileID"/></xsl:call-template>
    <xsl:call-template name="kv"><xsl:with-param name="key" select="'tip'"/><xsl:with-param name="value" select="$inv/cbc:InvoiceTypeCode"/></xsl:call-template>
    <xsl:call-template name="kv"><xsl:with-param name="key" select="'tarih'"/><xsl:with-param name="value" select="$inv/cbc:IssueDate"/></xsl:call-template>
    <xsl:call-template name="kv"><xsl:with-param name="key" select="'no'"/><xsl:with-param name="value" select="$inv/cbc:ID"/></xsl:call-template>
    <xsl:call-template name="kv"><xsl:with-param name="key" select="'ettn'"/><xsl:with-param name="value" select="$inv/cbc:UUID"/></xsl:call-template>
    <xsl:call-template name="kv"><xsl:with-param name="key" select="'parabirimi'"/><xsl:with-param name="value" select="$inv/cbc:DocumentCurrencyCode"/></xsl:call-template>
    <xsl:call-template name="kv"><xsl:with-param name="key" select="'malhizmettoplam'"/>
      <xsl:with-param name="value"><xsl:call-template name="amount2"><xsl:with-param name="value" select="$lmt/cbc:LineExtensionAmount"/></xsl:call-template></xsl:with-param></xsl:call-template>
    <!-- one kdvmatrah/hesaplanankdv pair per KDV rate; equal rates added together -->
    <xsl:for-each select="$inv/cac:TaxTotal/cac:TaxSubtotal[cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode = '0015']">
      <xsl:variable name="p" select="number(cbc:Percent)"/>
      <xsl:if test="not(preceding-sibling::cac:TaxSubtotal[cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode = '0015'][number(cbc:Percent) = $p])">
        <xsl:variable name="same" select="../cac:TaxSubtotal[cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode = '0015'][number(cbc:Percent) = $p]"/>
        <xsl:variable name="rate">
          <xsl:choose>
            <xsl:when test="$p = $p"><xsl:value-of select="format-number($p, '0.####')"/></xsl:when>
            <!-- no Percent: the whole rate the amounts imply -->
            <xsl:when test="number(cbc:TaxableAmount) != 0">
              <xsl:value-of select="round(number(cbc:TaxAmount) * 100 div number(cbc:TaxableAmount))"/>
            </xsl:when>
            <xsl:otherwise>0</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="taxable">
          <xsl:choose>
            <xsl:when test="$p = $p"><xsl:value-of select="sum($same/cbc:TaxableAmount)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="number(cbc:TaxableAmount)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="tax">
          <xsl:choose>
            <xsl:when test="$p = $p"><xsl:value-of select="sum($same/cbc:TaxAmount)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="number(cbc:TaxAmount)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:call-template name="kv"><xsl:with-param name="key" select="concat('kdvmatrah(', $rate, ')')"/>
          <xsl:with-param name="value" select="format-number($taxable, '0.00')"/></xsl:call-template>
        <xsl:call-template name="kv"><xsl:with-param name="key" select="concat('hesaplanankdv(', $rate, ')')"/>
          <xsl:with-param name="value" select="format-number($tax, '0.00')"/></xsl:call-template>
      </xsl:if>
    </xsl:for-each>
    <xsl:call-template name="kv"><xsl:with-param name="key" select="'vergidahil'"/>
      <xsl:with-param name="value"><xsl:call-template name="amount2"><xsl:with-param name="value" select="$lmt/cbc:TaxInclusiveAmount"/></xsl:call-template></xsl:with-param></xsl:call-template>
    <xsl:call-template name="kv"><xsl:with-param name="key" select="'odenecek'"/><xsl:with-param name="last" select="true()"/>
      <xsl:with-param name="value"><xsl:call-template name="amount2"><xsl:with-param name="value" select="$lmt/cbc:PayableAmount"/></xsl:call-template></xsl:with-param></xsl:call-template>
    <xsl:text>}</xsl:text>
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
        <script type="text/javascript"><xsl:text disable-output-escaping="yes"><![CDATA[
/* Tezgâh karekod: QR code, byte mode, error correction level M, data mask 0.
   Written for Tezgâh's invoice view; no external library. */
function tezgahQr(text) {
  var ECC = [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26,
    26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28];
  var BLOCKS = [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17,
    17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49];
  var bytes = [], i, j, k;
  var utf8 = unescape(encodeURIComponent(text));
  for (i = 0; i < utf8.length; i++) bytes.push(utf8.charCodeAt(i));

  function rawModules(v) {
    var r = (16 * v + 128) * v + 64;
    if (v >= 2) { var n = Math.floor(v / 7) + 2; r -= (25 * n - 10) * n - 55; if (v >= 7) r -= 36; }
    return r;
  }
  function dataCodewords(v) { return Math.floor(rawModules(v) / 8) - ECC[v] * BLOCKS[v]; }

  var ver;
  for (ver = 1; ver <= 40; ver++) {
    var need = 4 + (ver < 10 ? 8 : 16) + 8 * bytes.length;
    if (need <= dataCodewords(ver) * 8) break;
  }
  if (ver > 40) throw new Error("karekod too long");

  // bit stream
  var bits = [];
  function put(val, len) { for (var b = len - 1; b >= 0; b--) bits.push((val >>> b) & 1); }
  put(4, 4);
  put(bytes.length, ver < 10 ? 8 : 16);
  for (i = 0; i < bytes.length; i++) put(bytes[i], 8);
  var cap = dataCodewords(ver) * 8;
  put(0, Math.min(4, cap - bits.length));
  put(0, (8 - bits.length % 8) % 8);
  for (var pad = 0xEC; bits.length < cap; pad ^= 0xEC ^ 0x11) put(pad, 8);
  var data = [];
  for (i = 0; i < bits.length; i += 8) {
    var byt = 0;
    for (j = 0; j < 8; j++) byt = (byt << 1) | bits[i + j];
    data.push(byt);
  }

  // Reed-Solomon over GF(256), polynomial 0x11D
  function mul(x, y) {
    var z = 0;
    for (var b = 7; b >= 0; b--) { z = (z << 1) ^ ((z >>> 7) * 0x11D); z ^= ((y >>> b) & 1) * x; }
    return z;
  }
  function divisor(deg) {
    var res = [], root = 1, a, c;
    for (a = 0; a < deg - 1; a++) res.push(0);
    res.push(1);
    for (a = 0; a < deg; a++) {
      for (c = 0; c < res.length; c++) {
        res[c] = mul(res[c], root);
        if (c + 1 < res.length) res[c] ^= res[c + 1];
      }
      root = mul(root, 2);
    }
    return res;
  }
  function remainder(dat, div) {
    var res = div.map(function () { return 0; });
    for (var a = 0; a < dat.length; a++) {
      var factor = dat[a] ^ res.shift();
      res.push(0);
      for (var c = 0; c < div.length; c++) res[c] ^= mul(div[c], factor);
    }
    return res;
  }

  // blocks and interleaving
  var nBlocks = BLOCKS[ver], eccLen = ECC[ver];
  var rawCw = Math.floor(rawModules(ver) / 8);
  var nShort = nBlocks - rawCw % nBlocks, shortLen = Math.floor(rawCw / nBlocks);
  var blocks = [], div = divisor(eccLen);
  for (i = 0, k = 0; i < nBlocks; i++) {
    var len = shortLen - eccLen + (i < nShort ? 0 : 1);
    var dat = data.slice(k, k + len);
    k += len;
    var ecc = remainder(dat, div);
    if (i < nShort) dat.push(0);
    blocks.push(dat.concat(ecc));
  }
  var cw = [];
  for (i = 0; i < blocks[0].length; i++) {
    for (j = 0; j < blocks.length; j++) {
      if (i != shortLen - eccLen || j >= nShort) cw.push(blocks[j][i]);
    }
  }

  // matrix
  var size = ver * 4 + 17, mod = [], fn = [];
  for (i = 0; i < size; i++) {
    mod.push([]); fn.push([]);
    for (j = 0; j < size; j++) { mod[i].push(0); fn[i].push(false); }
  }
  function setF(x, y, dark) { mod[y][x] = dark ? 1 : 0; fn[y][x] = true; }
  for (i = 0; i < size; i++) { setF(6, i, i % 2 == 0); setF(i, 6, i % 2 == 0); }
  function finder(x, y) {
    for (var dy = -4; dy <= 4; dy++) for (var dx = -4; dx <= 4; dx++) {
      var d = Math.max(Math.abs(dx), Math.abs(dy)), xx = x + dx, yy = y + dy;
      if (xx >= 0 && xx < size && yy >= 0 && yy < size) setF(xx, yy, d != 2 && d != 4);
    }
  }
  finder(3, 3); finder(size - 4, 3); finder(3, size - 4);
  if (ver > 1) {
    var nAlign = Math.floor(ver / 7) + 2;
    var step = ver == 32 ? 26 : Math.ceil((ver * 4 + 4) / (nAlign * 2 - 2)) * 2;
    var pos = [6];
    for (var p = size - 7; pos.length < nAlign; p -= step) pos.splice(1, 0, p);
    for (i = 0; i < nAlign; i++) for (j = 0; j < nAlign; j++) {
      if ((i == 0 && j == 0) || (i == 0 && j == nAlign - 1) || (i == nAlign - 1 && j == 0)) continue;
      for (var ay = -2; ay <= 2; ay++) for (var ax = -2; ax <= 2; ax++)
        setF(pos[i] + ax, pos[j] + ay, Math.max(Math.abs(ax), Math.abs(ay)) != 1);
    }
  }
  function formatBits(mask) {
    var d = (0 << 3) | mask, rem = d; // level M = 00
    for (var a = 0; a < 10; a++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    var b = ((d << 10) | rem) ^ 0x5412;
    function bit(n) { return ((b >>> n) & 1) != 0; }
    for (a = 0; a <= 5; a++) setF(8, a, bit(a));
    setF(8, 7, bit(6)); setF(8, 8, bit(7)); setF(7, 8, bit(8));
    for (a = 9; a < 15; a++) setF(14 - a, 8, bit(a));
    for (a = 0; a < 8; a++) setF(size - 1 - a, 8, bit(a));
    for (a = 8; a < 15; a++) setF(8, size - 15 + a, bit(a));
    setF(8, size - 8, true);
  }
  formatBits(0);
  if (ver >= 7) {
    var rv = ver;
    for (i = 0; i < 12; i++) rv = (rv << 1) ^ ((rv >>> 11) * 0x1F25);
    var vb = (ver << 12) | rv;
    for (i = 0; i < 18; i++) {
      var vbit = ((vb >>> i) & 1) != 0, va = size - 11 + i % 3, vc = Math.floor(i / 3);
      setF(va, vc, vbit); setF(vc, va, vbit);
    }
  }
  // codewords in the zigzag order, then mask 0 ((x + y) % 2 == 0) on data modules
  var n = 0;
  for (var right = size - 1; right >= 1; right -= 2) {
    if (right == 6) right = 5;
    for (var vert = 0; vert < size; vert++) for (j = 0; j < 2; j++) {
      var x = right - j, up = ((right + 1) & 2) == 0, y = up ? size - 1 - vert : vert;
      if (!fn[y][x] && n < cw.length * 8) { mod[y][x] = (cw[n >>> 3] >>> (7 - (n & 7))) & 1; n++; }
    }
  }
  for (y = 0; y < size; y++) for (x = 0; x < size; x++)
    if (!fn[y][x] && (x + y) % 2 == 0) mod[y][x] ^= 1;
  return mod;
}

(function () {
  if (typeof document === "undefined") return;
  var el = document.getElementById("karekod");
  if (!el) return;
  var m = tezgahQr(el.getAttribute("data-karekod"));
  var n = m.length, s = Math.max(2, Math.floor(120 / n)), q = 4, x, y;
  var c = document.createElement("canvas");
  if (c.getContext) {
    c.width = c.height = (n + 2 * q) * s;
    var g = c.getContext("2d");
    g.fillStyle = "#fff"; g.fillRect(0, 0, c.width, c.height); g.fillStyle = "#000";
    for (y = 0; y < n; y++) for (x = 0; x < n; x++) if (m[y][x]) g.fillRect((x + q) * s, (y + q) * s, s, s);
    el.appendChild(c);
  } else {
    var h = ['<table cellspacing="0" cellpadding="0" style="border:' + (q * s) + 'px solid #fff">'];
    for (y = 0; y < n; y++) {
      h.push("<tr>");
      for (x = 0; x < n; x++) h.push('<td style="width:' + s + 'px;height:' + s + 'px;background:' + (m[y][x] ? "#000" : "#fff") + '"></td>');
      h.push("</tr>");
    }
    el.innerHTML = h.join("") + "</table>";
  }
})();
]]></xsl:text></script>
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
        <td width="38%" align="right" valign="top">
          <!-- Karekod Kılavuzu §3: top right corner; drawn by the script at the end -->
          <div id="karekod" class="karekod">
            <xsl:attribute name="data-karekod"><xsl:call-template name="karekod-json"/></xsl:attribute>
          </div>
        </td>
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
          <xsl:if test="cac:BuyerCustomerParty/cac:Party[not(cac:Person)]">
            <xsl:variable name="buyer" select="cac:BuyerCustomerParty/cac:Party"/>
            <div class="party">
              <div class="name">Alıcı: <xsl:call-template name="party-name">
                <xsl:with-param name="party" select="$buyer"/></xsl:call-template>
                <xsl:if test="normalize-space($buyer/cac:PartyLegalEntity/cbc:RegistrationName) != ''
                              and normalize-space($buyer/cac:PartyName/cbc:Name) = ''">
                  <xsl:value-of select="$buyer/cac:PartyLegalEntity/cbc:RegistrationName"/>
                </xsl:if></div>
              <xsl:call-template name="party-block"><xsl:with-param name="party" select="$buyer"/></xsl:call-template>
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
            <xsl:for-each select="cac:ContractDocumentReference">
              <tr><td class="k">
                <xsl:choose>
                  <xsl:when test="cbc:ID/@schemeID = 'YTBNO'">Yatırım Teşvik No</xsl:when>
                  <xsl:otherwise>Sözleşme No</xsl:otherwise>
                </xsl:choose>
              </td><td><xsl:value-of select="cbc:ID"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="value" select="cbc:IssueDate"/></xsl:call-template>
              </td></tr>
            </xsl:for-each>
            <xsl:for-each select="cac:Delivery/cac:DeliveryTerms/cbc:ID[normalize-space(.) != '']">
              <tr><td class="k">Teslim Şartı</td><td><xsl:value-of select="."/></td></tr>
            </xsl:for-each>
            <xsl:for-each select="cac:Delivery/cac:Shipment/cac:ShipmentStage/cbc:TransportModeCode[normalize-space(.) != '']">
              <tr><td class="k">Gönderilme Şekli</td><td><xsl:value-of select="."/></td></tr>
            </xsl:for-each>
            <xsl:if test="$earsiv and $sending != ''">
              <tr><td class="k">Gönderim Şekli</td><td><xsl:value-of select="$sending"/></td></tr>
            </xsl:if>
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
            <!-- what a scenario adds to a line: künye, etiket, device, GTİP, harcama tipi … -->
            <xsl:if test="normalize-space(cac:Item/cbc:ModelName) != ''">
              <br/><small>Model: <xsl:value-of select="cac:Item/cbc:ModelName"/></small>
            </xsl:if>
            <xsl:for-each select="cac:Item/cac:AdditionalItemIdentification/cbc:ID[normalize-space(.) != '']">
              <br/><small class="line-id"><xsl:value-of select="@schemeID"/>: <xsl:value-of select="."/></small>
            </xsl:for-each>
            <xsl:for-each select="cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode[normalize-space(.) != '']">
              <br/><small>Sınıf: <xsl:value-of select="."/></small>
            </xsl:for-each>
            <xsl:for-each select="cac:Item/cac:ItemInstance/cbc:SerialID[normalize-space(.) != '']">
              <br/><small>Seri No: <xsl:value-of select="."/></small>
            </xsl:for-each>
            <xsl:for-each select="cac:Delivery/cac:Shipment/cac:GoodsItem/cbc:RequiredCustomsID[normalize-space(.) != '']">
              <br/><small>GTİP: <xsl:value-of select="."/></small>
            </xsl:for-each>
            <xsl:for-each select="cac:Delivery/cac:DeliveryTerms/cbc:ID[normalize-space(.) != '']">
              <br/><small>Teslim Şartı: <xsl:value-of select="."/></small>
            </xsl:for-each>
          </td>
          <td class="num"><xsl:call-template name="number"><xsl:with-param name="value" select="cbc:InvoicedQuantity"/></xsl:call-template></td>
          <td><xsl:call-template name="unit"><xsl:with-param name="code" select="cbc:InvoicedQuantity/@unitCode"/></xsl:call-template></td>
          <td class="num"><xsl:call-template name="money">
            <xsl:with-param name="amount" select="cac:Price/cbc:PriceAmount"/>
            <xsl:with-param name="pattern" select="'#.##0,00######'"/>
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
        <xsl:if test="$earsiv and cac:Delivery/cac:CarrierParty">
          <xsl:variable name="carrier" select="cac:Delivery/cac:CarrierParty"/>
          <div><span class="mark">Bu satış internet üzerinden yapılmıştır.</span>
            <xsl:if test="normalize-space(cac:AccountingSupplierParty/cac:Party/cbc:WebsiteURI) != ''">
              <xsl:text> Satışın yapıldığı web adresi: </xsl:text><xsl:value-of select="cac:AccountingSupplierParty/cac:Party/cbc:WebsiteURI"/>
            </xsl:if>
            <xsl:if test="cac:PaymentMeans/cbc:PaymentMeansCode">
              <xsl:text> • Ödeme şekli: </xsl:text>
              <xsl:call-template name="payment-means"><xsl:with-param name="code" select="normalize-space(cac:PaymentMeans/cbc:PaymentMeansCode)"/></xsl:call-template>
            </xsl:if>
            <xsl:if test="cac:PaymentMeans/cbc:PaymentDueDate">
              <xsl:text> • Ödeme tarihi: </xsl:text>
              <xsl:call-template name="date"><xsl:with-param name="value" select="cac:PaymentMeans/cbc:PaymentDueDate"/></xsl:call-template>
            </xsl:if>
            <xsl:if test="cac:Delivery/cac:Despatch/cbc:ActualDespatchDate">
              <xsl:text> • Gönderim tarihi: </xsl:text>
              <xsl:call-template name="date"><xsl:with-param name="value" select="cac:Delivery/cac:Despatch/cbc:ActualDespatchDate"/></xsl:call-template>
            </xsl:if>
            <xsl:text> • Gönderiyi taşıyan: </xsl:text>
            <xsl:call-template name="party-name"><xsl:with-param name="party" select="$carrier"/></xsl:call-template>
            <xsl:text> (</xsl:text><xsl:value-of select="$carrier/cac:PartyIdentification/cbc:ID"/><xsl:text>)</xsl:text>
          </div>
        </xsl:if>
        <xsl:if test="$earsiv and $sending != 'KAGIT'">
          <div class="mark">e-Arşiv izni kapsamında elektronik ortamda iletilmiştir.</div>
        </xsl:if>
      </div>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
