#pragma once

// The throwaway PostgreSQL cluster the tests start lives in core (the schema time machine uses it
// as a scratch server too): see src/core/db/PgCluster.h.
#include "core/db/PgCluster.h"
