# The desktop file and AppStream metainfo validate; the .deb holds both executables and sane dependencies.
find_program(DESKTOP_FILE_VALIDATE desktop-file-validate REQUIRED)
find_program(APPSTREAMCLI appstreamcli REQUIRED)
add_test(NAME packaging_desktop_file
  COMMAND ${DESKTOP_FILE_VALIDATE} "${PROJECT_SOURCE_DIR}/packaging/io.github.retortapp.Retort.desktop")
add_test(NAME packaging_metainfo
  COMMAND ${APPSTREAMCLI} validate --no-net --pedantic
          "${PROJECT_SOURCE_DIR}/packaging/io.github.retortapp.Retort.metainfo.xml")
add_test(NAME packaging_deb
  COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/packaging/check_deb.sh" "${PROJECT_BINARY_DIR}")
set_tests_properties(packaging_desktop_file packaging_metainfo PROPERTIES LABELS packaging)
set_tests_properties(packaging_deb PROPERTIES LABELS packaging TIMEOUT 600 RUN_SERIAL TRUE)
