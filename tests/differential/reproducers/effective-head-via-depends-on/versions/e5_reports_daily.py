"""daily reports

Revision ID: e5e5e5e5e5e5
Revises: d4d4d4d4d4d4
Create Date: 2024-05-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'e5e5e5e5e5e5'
down_revision = 'd4d4d4d4d4d4'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
