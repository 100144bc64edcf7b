revision = 'x\x4'
down_revision = ('a']
X = """never closed
