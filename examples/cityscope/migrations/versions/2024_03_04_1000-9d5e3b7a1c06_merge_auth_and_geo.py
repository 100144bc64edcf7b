"""merge auth and geo branches

Revision ID: 9d5e3b7a1c06
Revises: c93f5a1e7d24, f6c2a9d4e817
Create Date: 2024-03-04 10:00:13.337552

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "9d5e3b7a1c06"
down_revision: Union[str, Sequence[str], None] = ("c93f5a1e7d24", "f6c2a9d4e817")
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
