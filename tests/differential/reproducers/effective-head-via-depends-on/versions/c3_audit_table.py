"""audit table

Revision ID: c3c3c3c3c3c3
Revises: a1a1a1a1a1a1
Create Date: 2024-05-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'c3c3c3c3c3c3'
down_revision = 'a1a1a1a1a1a1'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
