"""The shop's models (only the metadata object matters for the bridge tests)."""
import sqlalchemy as sa

metadata = sa.MetaData()
