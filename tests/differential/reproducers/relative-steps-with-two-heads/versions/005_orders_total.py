"""orders total

Revision ID: 4e0e4e0e4e0e
Revises: 2c0c2c0c2c0c
Create Date: 2024-05-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '4e0e4e0e4e0e'
down_revision = '2c0c2c0c2c0c'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
