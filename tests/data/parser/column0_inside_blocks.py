revision = 'x'; down_revision = None
def upgrade():
    op.execute("""
revision = 'fake'
""")
    rows = [
{"a": 1},
]
class K:
    revision = 'no'
if True:
    pass
revision, down_revision = 'y', ('a')
