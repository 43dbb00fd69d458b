"""The local API's OpenAPI 3.1 description, served at ``/openapi.json``."""

from __future__ import annotations

from typing import Any

from app.domain.status import Status
from app.usecases.local_api import CHANGES_PAGE, MAX_BATCH

VERSION = "1.0.0"
STATUSES = [s.value for s in Status]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return _json(_ref("Hata"), description)


ETTN_PARAM = {"name": "ettn", "in": "path", "required": True,
              "description": "Faturanın ETTN'i (UUID).",
              "schema": {"type": "string", "maxLength": 36}}
COMMON_ERRORS = {
    "401": _error("API anahtarı yok ya da geçersiz."),
    "500": _error("Sunucuda beklenmeyen hata (ayrıntı Tezgâh'ın kayıtlarında)."),
}
BODY_ERRORS = {
    "400": _error("JSON hatalı ya da bir alan geçersiz (`alan` hangi alan olduğunu söyler)."),
    "411": _error("Content-Length başlığı yok."),
    "413": _error("İstek gövdesi çok büyük (en fazla 2 MiB)."),
}

SCHEMAS: dict[str, Any] = {
    "Hata": {
        "type": "object", "required": ["hata", "alan", "error"],
        "description": "Her hata yanıtı: önce Türkçe ileti, düzeltilecek alan (varsa) ve "
                       "programcı için kısa İngilizce metin.",
        "properties": {
            "hata": {"type": "string", "description": "Kullanıcıya gösterilecek Türkçe ileti."},
            "alan": {"type": ["string", "null"],
                     "description": "Düzeltilmesi gereken istek alanı (ör. `lines[0].quantity`, "
                                    "`customer`, `pin`, `ettns`, `since`); yoksa null."},
            "error": {"type": "string", "description": "Short English text (e.g. `bad request`)."},
            "sorunlar": {"type": "array", "items": {"type": "string"},
                         "description": "GİB kurallarına uymayan noktalar (doğrulama hatasında)."},
            "izinli": {"type": "array", "items": {"type": "string"},
                       "description": "405'te adresin kabul ettiği yöntemler."},
        },
    },
    "FaturaJSON": {
        "type": "object", "additionalProperties": True,
        "description": "`tezgah invoice new --json` ile aynı fatura JSON'u: profile, type, "
                       "series, issue_date, issue_time, customer (nesne ya da kayıtlı müşterinin "
                       "VKN/TCKN'si), lines (name, quantity, unit, unit_price, kdv_rate …). "
                       "Sayılar metin olarak yazılmalı (\"19.99\").",
        "required": ["lines"],
        "properties": {
            "ettn": {"type": "string", "description": "İsteğe bağlı; verilmezse üretilir."},
            "profile": {"type": "string", "examples": ["TEMELFATURA", "EARSIVFATURA"]},
            "type": {"type": "string", "examples": ["SATIS", "IADE"]},
            "series": {"type": "string", "maxLength": 3,
                       "description": "Verilmezse işletmenin o senaryo için serisi."},
            "issue_date": {"type": "string", "format": "date"},
            "issue_time": {"type": "string", "examples": ["10:15:00"]},
            "customer": {"oneOf": [{"type": "object"}, {"type": "string"}]},
            "lines": {"type": "array", "items": {"type": "object"}},
        },
    },
    "TaslakOlusturuldu": {
        "type": "object", "required": ["ettn", "status"],
        "properties": {"ettn": {"type": "string"}, "status": {"const": "draft"}},
    },
    "FaturaOzeti": {
        "type": "object",
        "required": ["ettn", "number", "status", "status_name"],
        "properties": {
            "ettn": {"type": "string"},
            "number": {"type": ["string", "null"], "description": "Yasal numara; taslakta null."},
            "status": {"type": "string", "enum": STATUSES},
            "status_name": {"type": "string", "description": "Durumun Türkçe adı."},
            "direction": {"type": "string", "enum": ["out", "in"]},
            "profile": {"type": "string"}, "type": {"type": "string"},
            "issue_date": {"type": "string", "format": "date"},
            "issue_time": {"type": "string"},
            "customer_vkn_tckn": {"type": "string"}, "customer_name": {"type": "string"},
            "currency": {"type": "string"},
            "tax_exclusive": {"type": "string"}, "tax_total": {"type": "string"},
            "payable": {"type": "string"}, "signed": {"type": "boolean"},
            "signature_valid": {"type": ["boolean", "null"]},
        },
    },
    "Fatura": {
        "allOf": [_ref("FaturaOzeti"), {"type": "object", "properties": {
            "data": _ref("FaturaJSON"),
            "events": {"type": "array", "description": "Faturanın geçmişi (eskiden yeniye).",
                       "items": {"type": "object", "properties": {
                           "at": {"type": "string"}, "kind": {"type": "string"},
                           "code": {"type": "string"}, "message": {"type": "string"}}}},
            "signature_verdict": {"type": "string"},
        }}],
    },
    "FaturaListesi": {
        "type": "object", "required": ["invoices"],
        "properties": {"invoices": {"type": "array", "items": _ref("FaturaOzeti")}},
    },
    "KesmeIstegi": {
        "type": "object", "required": ["ettns"],
        "properties": {
            "ettns": {"type": "array", "minItems": 1, "maxItems": MAX_BATCH,
                      "items": {"type": "string"}, "uniqueItems": True,
                      "description": "Sırayla kesilecek taslakların ETTN'leri."},
            "pin": {"type": "string", "writeOnly": True,
                    "description": "Kartın PIN'i (toplu kesim için bir kez; PKCS#12 dosyasında "
                                   "parolası). TEST sertifikasında gerekmez. Hiçbir yere "
                                   "yazılmaz, kaydedilmez, yanıtta geri verilmez."},
        },
    },
    "KesilenFaturalar": {
        "type": "object", "required": ["issued"],
        "properties": {"issued": {"type": "array", "items": {
            "type": "object", "required": ["ettn", "number", "status"],
            "properties": {"ettn": {"type": "string"}, "number": {"type": "string"},
                           "status": {"type": "string"}, "status_name": {"type": "string"}}}}},
    },
    "Degisiklik": {
        "type": "object", "required": ["ettn", "number", "status", "deleted"],
        "properties": {
            "ettn": {"type": "string"}, "number": {"type": ["string", "null"]},
            "status": {"type": "string", "enum": [*STATUSES, "deleted"],
                       "description": "Faturanın şimdiki durumu; silinmiş bir taslakta "
                                      "`deleted`."},
            "status_name": {"type": "string"}, "deleted": {"type": "boolean"},
            "direction": {"type": "string"}, "profile": {"type": "string"},
            "type": {"type": "string"}, "issue_date": {"type": "string"},
            "customer_name": {"type": "string"}, "currency": {"type": "string"},
            "payable": {"type": "string"},
        },
    },
    "Degisiklikler": {
        "type": "object", "required": ["changes", "next", "more"],
        "properties": {
            "changes": {"type": "array", "items": _ref("Degisiklik"),
                        "description": "İmleçten sonra değişen faturalar, her biri bir kez, "
                                       "en eski değişiklik önce."},
            "next": {"type": "string", "description": "Bir sonraki çağrının `since` değeri "
                     "(opak; olduğu gibi saklayın)."},
            "more": {"type": "boolean", "description": "true: hemen `next` ile yeniden çağırın."},
        },
    },
}


def _paths() -> dict[str, Any]:
    secured = [{"bearer": []}]
    return {
        "/openapi.json": {"get": {
            "summary": "Bu API tanımı (anahtarsız okunur)", "security": [],
            "operationId": "openapi",
            "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1 belgesi.")}}},
        "/invoices": {
            "post": {
                "summary": "Fatura JSON'undan taslak oluştur", "operationId": "createDraft",
                "security": secured,
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": _ref("FaturaJSON")}}},
                "responses": {"201": _json(_ref("TaslakOlusturuldu"),
                                           "Taslak kaydedildi; ETTN'i döner."),
                              **BODY_ERRORS, **COMMON_ERRORS}},
            "get": {
                "summary": "Faturaları listele (yeniden eskiye)", "operationId": "listInvoices",
                "security": secured,
                "parameters": [
                    {"name": "status", "in": "query", "required": False,
                     "schema": {"type": "string"}, "description": "Yalnızca bu durumdakiler."},
                    {"name": "limit", "in": "query", "required": False,
                     "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
                    {"name": "offset", "in": "query", "required": False,
                     "schema": {"type": "integer", "minimum": 0, "default": 0}},
                ],
                "responses": {"200": _json(_ref("FaturaListesi"), "Faturalar."),
                              "400": _error("Bilinmeyen durum ya da geçersiz sayı."),
                              **COMMON_ERRORS}},
        },
        "/invoices/issue": {"post": {
            "summary": "Taslakları kes (tek imza oturumu, tek PIN)", "operationId": "issueDrafts",
            "description": "Yalnızca işletme sahibi Ayarlar'da API ile toplu imzayı açtıysa; "
                           "kapalıyken 403 döner ve taslaklar masaüstünde bir kişinin "
                           "imzalamasını bekler. Kart takılı değilse ya da PIN yanlışsa hiçbir "
                           "fatura kesilmez, numara harcanmaz.",
            "security": secured,
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": _ref("KesmeIstegi")}}},
            "responses": {"200": _json(_ref("KesilenFaturalar"), "Kesilen faturalar."),
                          **BODY_ERRORS,
                          "403": _error("API ile kesme kapalı (Ayarlar)."),
                          "404": _error("Böyle bir taslak yok."),
                          "409": _error("Bir ETTN taslak değil (kesilmiş) ya da başka bir "
                                        "toplu imza sürüyor; hiçbir fatura kesilmez."),
                          "503": _error("Kart takılı değil ya da sürücüsü yüklenemedi; hiçbir "
                                        "fatura kesilmez, numara harcanmaz."),
                          **COMMON_ERRORS}}},
        "/invoices/{ettn}": {"get": {
            "summary": "Faturanın durumu ve geçmişi", "operationId": "getInvoice",
            "security": secured, "parameters": [ETTN_PARAM],
            "responses": {"200": _json(_ref("Fatura"), "Fatura."),
                          "404": _error("Böyle bir fatura yok."), **COMMON_ERRORS}}},
        "/invoices/{ettn}/pdf": {"get": {
            "summary": "Kesilmiş faturanın karekodlu PDF'i", "operationId": "getInvoicePdf",
            "security": secured, "parameters": [ETTN_PARAM],
            "responses": {"200": {"description": "PDF.", "content": {
                "application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
                "404": _error("Böyle bir fatura yok."),
                "409": _error("Fatura henüz kesilmedi (taslak)."), **COMMON_ERRORS}}},
        "/changes": {"get": {
            "summary": "İmleçten sonra değişen faturalar", "operationId": "listChanges",
            "description": "Durum değişiklikleri (GİB yanıtları dahil), kesilen numaralar, "
                           "iptaller ve silinen taslaklar. İlk çağrıda `since` boş bırakılır; "
                           "sonra her yanıtın `next` değeri verilir. Bir fatura yeniden "
                           "değişirse yeniden görünür; hiçbir değişiklik atlanmaz.",
            "security": secured,
            "parameters": [
                {"name": "since", "in": "query", "required": False,
                 "schema": {"type": "string"}, "description": "Önceki yanıttaki `next`."},
                {"name": "limit", "in": "query", "required": False,
                 "schema": {"type": "integer", "minimum": 1, "maximum": CHANGES_PAGE,
                            "default": CHANGES_PAGE}},
            ],
            "responses": {"200": _json(_ref("Degisiklikler"), "Değişiklikler."),
                          "400": _error("İmleç (since) geçersiz."), **COMMON_ERRORS}}},
    }


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Tezgâh yerel API",
            "version": VERSION,
            "description": "Dükkânın kasa / ön muhasebe yazılımı için: fatura JSON'undan taslak, "
                           "(izin verildiyse) toplu kesme, durum, PDF ve değişiklik akışı. "
                           "Yalnızca bu bilgisayardan erişilir (işletme sahibi ağa açmadıkça). "
                           "Hatalar: `Hata` şeması (Türkçe `hata`, `alan`, İngilizce `error`).",
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": _paths(),
        "components": {
            "securitySchemes": {"bearer": {
                "type": "http", "scheme": "bearer",
                "description": "`tezgah api token` ile üretilen anahtar; yenisi üretilince "
                               "eskisi geçersiz olur."}},
            "schemas": SCHEMAS,
        },
    }
