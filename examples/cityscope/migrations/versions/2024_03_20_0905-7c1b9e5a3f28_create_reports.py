"""create reports

Saved dashboard reports, owned by a user and scoped to a city.

Revision ID: 7c1b9e5a3f28
Revises: 4a7f2c8e6d93
Create Date: 2024-03-20 09:05:51.624387

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "7c1b9e5a3f28"
down_revision: Union[str, Sequence[str], None] = "4a7f2c8e6d93"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("published", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name="fk_reports_owner", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["city_id"], ["cities.id"], name="fk_reports_city"),
    )
    op.create_index("ix_reports_owner_id", "reports", ["owner_id"])


def downgrade() -> None:
    op.drop_index("ix_reports_owner_id", table_name="reports")
    op.drop_table("reports")
