"""Constants used by revision files (a non-literal branch label, as real projects write)."""
CATALOG_BRANCH = "catalog"
