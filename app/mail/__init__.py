"""E-mail delivery of documents to buyers (SMTP)."""
