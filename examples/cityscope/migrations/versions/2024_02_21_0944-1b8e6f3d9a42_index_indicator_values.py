"""index indicator_values by city and date

Revision ID: 1b8e6f3d9a42
Revises: e07d4b8a2c35
Create Date: 2024-02-21 09:44:30.276115

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "1b8e6f3d9a42"
down_revision: Union[str, Sequence[str], None] = "e07d4b8a2c35"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index("ix_indicator_values_city_observed", "indicator_values", ["city_id", "observed_on"])
    op.create_index("ix_cities_region", "cities", ["region"])


def downgrade() -> None:
    op.drop_index("ix_cities_region", table_name="cities")
    op.drop_index("ix_indicator_values_city_observed", table_name="indicator_values")
