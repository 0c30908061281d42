"""banli's versioned JSON API (``/api/v1``): thin routes over services that ask ``domain/``."""
