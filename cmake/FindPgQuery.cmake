# Finds libpg_query, the PostgreSQL 15 parser as a library (Debian: libpg-query-dev), which ships
# neither a CMake package nor a pkg-config file on Debian 12; a pkg-config file is used when a
# distribution provides one. Provides the imported target PgQuery::PgQuery.
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_PgQuery QUIET libpg_query)
endif()

find_path(PgQuery_INCLUDE_DIR
  NAMES pg_query.h
  HINTS ${PC_PgQuery_INCLUDE_DIRS})

find_library(PgQuery_LIBRARY
  NAMES pg_query
  HINTS ${PC_PgQuery_LIBRARY_DIRS})

if(PgQuery_INCLUDE_DIR AND EXISTS "${PgQuery_INCLUDE_DIR}/pg_query.h")
  file(STRINGS "${PgQuery_INCLUDE_DIR}/pg_query.h" _pg_query_version_line
       REGEX "^#define PG_VERSION +\"[^\"]+\"")
  string(REGEX REPLACE ".*\"([^\"]+)\".*" "\\1" PgQuery_VERSION "${_pg_query_version_line}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(PgQuery
  REQUIRED_VARS PgQuery_LIBRARY PgQuery_INCLUDE_DIR
  VERSION_VAR PgQuery_VERSION
  FAIL_MESSAGE "libpg_query (the PostgreSQL parser library) was not found: install Debian's libpg-query-dev (packaging/install-deps.sh), or set PgQuery_INCLUDE_DIR and PgQuery_LIBRARY")

if(PgQuery_FOUND AND NOT TARGET PgQuery::PgQuery)
  add_library(PgQuery::PgQuery UNKNOWN IMPORTED)
  set_target_properties(PgQuery::PgQuery PROPERTIES
    IMPORTED_LOCATION "${PgQuery_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${PgQuery_INCLUDE_DIR}")
endif()
mark_as_advanced(PgQuery_INCLUDE_DIR PgQuery_LIBRARY)
