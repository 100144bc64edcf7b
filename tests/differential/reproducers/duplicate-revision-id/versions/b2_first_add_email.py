"""add email

Revision ID: b2b2b2b2b2b2
Create Date: 2024-03-04 05:06:07.000008

"""
from alembic import op
import sqlalchemy as sa

revision = "b2b2b2b2b2b2"
down_revision = 'a1a1a1a1a1a1'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
