"""users

Revision ID: 1b0b1b0b1b0b
Revises: 0a11ce0a11ce
Create Date: 2024-05-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '1b0b1b0b1b0b'
down_revision = '0a11ce0a11ce'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
