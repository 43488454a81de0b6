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
