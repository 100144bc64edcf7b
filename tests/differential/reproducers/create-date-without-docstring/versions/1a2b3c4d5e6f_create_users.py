"""create users

Revision ID: 1a2b3c4d5e6f
Revises:
Create Date: 2024-01-02 03:04:05.000006

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "1a2b3c4d5e6f"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
