"""init

Revision ID: 0a11ce0a11ce
Revises: 
Create Date: 2024-05-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0a11ce0a11ce'
down_revision = None
branch_labels = ('core',)
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
