"""merge users and orders

Revision ID: 5f0f5f0f5f0f
Revises: 3d0d3d0d3d0d, 4e0e4e0e4e0e
Create Date: 2024-05-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '5f0f5f0f5f0f'
down_revision = ('3d0d3d0d3d0d', '4e0e4e0e4e0e')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
