"""The posta kutusu (PK) and gönderici birim (GB) service: GİB delivers envelopes here."""
