# Copyright notice and an import above the docstring: the string below is not the module's
# docstring (__doc__ is None), so Alembic shows no message and no Create Date for this revision.
from alembic import op
"""add email

Revision ID: 2b3c4d5e6f7a
Revises: 1a2b3c4d5e6f
Create Date: 2024-02-03 04:05:06.000007

"""
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "2b3c4d5e6f7a"
down_revision = "1a2b3c4d5e6f"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
