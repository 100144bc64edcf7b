"""create accounts

Revision ID: a1a1a1a1a1a1
Create Date: 2024-03-04 05:06:07.000008

"""
from alembic import op
import sqlalchemy as sa

revision = "a1a1a1a1a1a1"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
