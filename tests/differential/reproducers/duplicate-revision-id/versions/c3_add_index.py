"""add index

Revision ID: c3c3c3c3c3c3
Create Date: 2024-03-04 05:06:07.000008

"""
from alembic import op
import sqlalchemy as sa

revision = "c3c3c3c3c3c3"
down_revision = 'b2b2b2b2b2b2'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
