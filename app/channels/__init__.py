"""Ways documents leave Tezgâh. ``base.Channel`` is the protocol the outbox and the sync use
case work with; each channel (``efatura`` today) is one implementation of it."""
