"""orders

Revision ID: 2c0c2c0c2c0c
Revises: 0a11ce0a11ce
Create Date: 2024-05-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '2c0c2c0c2c0c'
down_revision = '0a11ce0a11ce'
branch_labels = ('shop',)
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
