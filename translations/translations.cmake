# SPDX-License-Identifier: GPL-3.0-or-later
# Translations (docs/translations.md), included from core/CMakeLists.txt: every build compiles
# translations/smollama_<lang>.ts with lrelease and embeds the .qm files in libsmollama-core at
# :/i18n (Smollama::installTranslations() loads them). lupdate runs only on request:
#   cmake --build build --target update_translations
find_package(Qt6 6.4 REQUIRED COMPONENTS LinguistTools)

# The sources lupdate scans: every C++ and QML file of the core, the programs, the builtin
# plugins and the dashboard.
# The plugin project templates of smollama-cli are not compiled here and are skipped.
file(GLOB_RECURSE smollama_translatable_sources CONFIGURE_DEPENDS
    "${PROJECT_SOURCE_DIR}/core/src/*.cpp" "${PROJECT_SOURCE_DIR}/core/src/*.h"
    "${PROJECT_SOURCE_DIR}/app/*.cpp" "${PROJECT_SOURCE_DIR}/app/*.h"
    "${PROJECT_SOURCE_DIR}/plugins/builtin/*.cpp" "${PROJECT_SOURCE_DIR}/plugins/builtin/*.h"
    "${PROJECT_SOURCE_DIR}/qml/*.qml" "${PROJECT_SOURCE_DIR}/qml/*.js"
    "${PROJECT_SOURCE_DIR}/qml/*.cpp" "${PROJECT_SOURCE_DIR}/qml/*.h")
list(FILTER smollama_translatable_sources EXCLUDE REGEX "/app/smollama-cli/templates/")

set(SMOLLAMA_TS_FILES
    "${PROJECT_SOURCE_DIR}/translations/smollama_de.ts"
    "${PROJECT_SOURCE_DIR}/translations/smollama_es.ts")

# Qt 6.4 form. -locations none keeps the .ts files free of line numbers, so editing a source
# file does not change them; -no-obsolete drops texts that no source has any more.
qt_add_translations(smollama-core
    TS_FILES ${SMOLLAMA_TS_FILES}
    SOURCES ${smollama_translatable_sources}
    INCLUDE_DIRECTORIES
        "${PROJECT_SOURCE_DIR}/core/src" "${PROJECT_SOURCE_DIR}/core/include"
    LUPDATE_OPTIONS -locations none -no-obsolete
    LRELEASE_OPTIONS -silent)

# English needs no translation except for plurals: smollama_en.ts holds only the numerus forms
# ("%n value(s)" → "1 value", "7 values"), kept by hand (lupdate does not touch it), embedded at
# :/i18n-en so that it is not listed as a language.
# (Qt 6.4's qt_add_lrelease would create a second smollama-core_lrelease target: a plain command.)
set(smollama_en_qm "${CMAKE_CURRENT_BINARY_DIR}/plurals/smollama_en.qm")
add_custom_command(OUTPUT "${smollama_en_qm}"
    COMMAND Qt6::lrelease -silent "${PROJECT_SOURCE_DIR}/translations/smollama_en.ts"
        -qm "${smollama_en_qm}"
    DEPENDS Qt6::lrelease "${PROJECT_SOURCE_DIR}/translations/smollama_en.ts"
    VERBATIM)
set_source_files_properties("${smollama_en_qm}" PROPERTIES
    QT_RESOURCE_ALIAS smollama_en.qm GENERATED TRUE)
qt_add_resources(smollama-core smollama_plurals_en PREFIX /i18n-en FILES "${smollama_en_qm}")
