"""reports base, needs the audit table

Revision ID: d4d4d4d4d4d4
Revises: 
Create Date: 2024-05-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'd4d4d4d4d4d4'
down_revision = None
branch_labels = 'reports'
depends_on = 'c3c3c3c3c3c3'


def upgrade():
    pass


def downgrade():
    pass
