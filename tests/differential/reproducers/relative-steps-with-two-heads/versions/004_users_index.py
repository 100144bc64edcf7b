"""users index

Revision ID: 3d0d3d0d3d0d
Revises: 1b0b1b0b1b0b
Create Date: 2024-05-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '3d0d3d0d3d0d'
down_revision = '1b0b1b0b1b0b'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
