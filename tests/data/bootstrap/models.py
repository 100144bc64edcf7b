# The models of the bootstrap tests (tst_CliBootstrap, tst_WindowBootstrap): users with an indexed
# email and an enum, posts referring to them.
import sqlalchemy as sa

metadata = sa.MetaData()
users = sa.Table("users", metadata,
                 sa.Column("id", sa.Integer, primary_key=True),
                 sa.Column("name", sa.String(50), nullable=False),
                 sa.Column("email", sa.String(120), index=True),
                 sa.Column("mood", sa.Enum("happy", "sad", name="mood")))
posts = sa.Table("posts", metadata,
                 sa.Column("id", sa.Integer, primary_key=True),
                 sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
                 sa.Column("title", sa.String(200)))
