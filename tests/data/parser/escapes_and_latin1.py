revision = "\N{DEGREE SIGN}\u00e9\U0001F600\101\t"
down_revision = b"bytes" 'mixed'
# café
