"""e-Arşiv: the daily report to GİB (eArsivRaporu) and what it is built from."""
