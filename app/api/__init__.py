"""The local HTTP API for the shop's other software (``tezgah api serve``): a front end like
the command line, reaching everything through ``app.usecases``."""
