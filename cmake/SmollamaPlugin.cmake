# SPDX-License-Identifier: GPL-3.0-or-later
#
# smollama_add_plugin(<target> TYPE sensor|tool|sink|sensor,tool,... MANIFEST plugin.json
#                     SOURCES ... [OUTPUT_DIRECTORY dir])
#
# Builds a smollama plugin (a MODULE library loaded with QPluginLoader). The manifest is checked
# (valid JSON, a name, a semver version, a "type" of sensor/tool/sink, the shape of "dependencies",
# "packages" and "configSchema") and stamped with the SDK version this plugin is
# built against; the stamped copy is what the plugin's Q_PLUGIN_METADATA embeds:
#
#     Q_PLUGIN_METADATA(IID SMOLLAMA_PLUGIN_FACTORY_IID FILE "smollama_manifest.json")
#
# SMOLLAMA_SDK_VERSION, SMOLLAMA_NAME_PATTERN (the manifest schema's name rule) and the target
# Smollama::Core must be defined (they are in the smollama build tree and by
# find_package(Smollama)).

function(smollama_add_plugin target)
    cmake_parse_arguments(ARG "" "TYPE;MANIFEST;OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
    if(NOT ARG_MANIFEST)
        message(FATAL_ERROR "smollama_add_plugin(${target}): MANIFEST plugin.json is required")
    endif()
    get_filename_component(manifest "${ARG_MANIFEST}" ABSOLUTE)
    if(NOT EXISTS "${manifest}")
        message(FATAL_ERROR "smollama_add_plugin(${target}): manifest ${manifest} does not exist")
    endif()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${manifest}")
    file(READ "${manifest}" json)

    string(JSON name ERROR_VARIABLE err GET "${json}" name)
    if(err)
        message(FATAL_ERROR "${manifest}: invalid manifest: ${err}\n"
            "A manifest needs at least {\"name\": \"my_plugin\", \"version\": \"1.0.0\"}.")
    endif()
    if(NOT SMOLLAMA_NAME_PATTERN)
        message(FATAL_ERROR "smollama_add_plugin(${target}): SMOLLAMA_NAME_PATTERN is not set "
            "(use find_package(Smollama))")
    endif()
    if(NOT name MATCHES "${SMOLLAMA_NAME_PATTERN}")
        message(FATAL_ERROR "${manifest}: plugin name '${name}' is invalid: use lower-case "
            "letters, digits and '_', starting with a letter (${SMOLLAMA_NAME_PATTERN}, e.g. "
            "\"i2c_temp\")")
    endif()
    string(JSON version ERROR_VARIABLE err GET "${json}" version)
    if(err OR NOT version MATCHES "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)([-+].*)?$")
        message(FATAL_ERROR "${manifest}: \"version\" must be a semantic version such as "
            "\"1.0.0\" (got '${version}')")
    endif()
    # "type": "sensor", "tool" or an array of them (the manifest schema's rule).
    string(JSON type_kind ERROR_VARIABLE err TYPE "${json}" type)
    set(declared_types "")
    if(type_kind STREQUAL "STRING")
        string(JSON t GET "${json}" type)
        list(APPEND declared_types "${t}")
    elseif(type_kind STREQUAL "ARRAY")
        string(JSON n LENGTH "${json}" type)
        if(n GREATER 0)
            math(EXPR last "${n} - 1")
            foreach(i RANGE ${last})
                string(JSON t GET "${json}" type ${i})
                list(APPEND declared_types "${t}")
            endforeach()
        endif()
    endif()
    if(NOT declared_types)
        message(FATAL_ERROR "${manifest}: \"type\" is missing or empty: write \"type\": "
            "\"sensor\", \"tool\", \"sink\" or an array such as [\"sensor\", \"tool\"]")
    endif()
    foreach(t IN LISTS declared_types)
        if(NOT t STREQUAL "sensor" AND NOT t STREQUAL "tool" AND NOT t STREQUAL "sink")
            message(FATAL_ERROR "${manifest}: unknown \"type\" '${t}': use \"sensor\", "
                "\"tool\", \"sink\" or several as an array")
        endif()
    endforeach()
    foreach(key IN ITEMS dependencies packages)
        string(JSON kind ERROR_VARIABLE err TYPE "${json}" ${key})
        if(NOT err AND NOT kind STREQUAL "ARRAY")
            message(FATAL_ERROR "${manifest}: \"${key}\" must be an array of strings")
        endif()
    endforeach()
    string(JSON kind ERROR_VARIABLE err TYPE "${json}" configSchema)
    if(NOT err AND NOT kind STREQUAL "OBJECT")
        message(FATAL_ERROR "${manifest}: \"configSchema\" must be a JSON Schema object")
    endif()
    if(ARG_TYPE)
        string(JSON declared_type ERROR_VARIABLE err GET "${json}" type)
        string(REPLACE "," ";" wanted "${ARG_TYPE}")
        foreach(t IN LISTS wanted)
            if(NOT t IN_LIST declared_types)
                message(FATAL_ERROR "${manifest}: TYPE ${ARG_TYPE} given to smollama_add_plugin "
                    "but the manifest's \"type\" is '${declared_type}'")
            endif()
        endforeach()
    endif()

    string(JSON stamped SET "${json}" sdkVersion "\"${SMOLLAMA_SDK_VERSION}\"")
    set(gen_dir "${CMAKE_CURRENT_BINARY_DIR}/${target}_manifest")
    file(CONFIGURE OUTPUT "${gen_dir}/smollama_manifest.json" CONTENT "${stamped}\n")

    add_library(${target} MODULE)
    # Sources added after creation so AutoMoc sees Q_PLUGIN_METADATA in all of them.
    target_sources(${target} PRIVATE ${ARG_SOURCES})
    target_include_directories(${target} PRIVATE "${gen_dir}")
    target_link_libraries(${target} PRIVATE Smollama::Core Qt6::Core)
    target_compile_definitions(${target} PRIVATE QT_PLUGIN)
    # SMOLLAMA_PLUGIN_FACTORY(...) declares a QObject: AutoMoc must look for it as for Q_OBJECT.
    set_property(TARGET ${target} APPEND PROPERTY AUTOMOC_MACRO_NAMES SMOLLAMA_PLUGIN_FACTORY)
    set_target_properties(${target} PROPERTIES
        AUTOMOC ON
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON
        PREFIX "lib"
        OUTPUT_NAME "smollama_${name}")
    if(ARG_OUTPUT_DIRECTORY)
        set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
    endif()
endfunction()

# smollama_add_plugin_translations(<target> MODULE <name> TS_FILES <name>_de.ts ...)
#
# A plugin's own translations: lrelease compiles each <name>_<lang>.ts (Qt Linguist's format)
# into <name>_<lang>.qm, embedded in the plugin library at :/smollama/translations/<name>/. When
# smollama loads the plugin it installs the one for the language of its own texts (--lang, else
# the locale), and removes it with the plugin. <name> is the manifest's "name".
# `cmake --build build --target update_translations` runs lupdate over the target's sources to
# add new tr() texts to the .ts files. Needs Qt's LinguistTools (Debian: qt6-l10n-tools).
function(smollama_add_plugin_translations target)
    cmake_parse_arguments(ARG "" "MODULE" "TS_FILES" ${ARGN})
    if(NOT ARG_MODULE OR NOT ARG_TS_FILES)
        message(FATAL_ERROR "smollama_add_plugin_translations(${target}): MODULE <name> and "
            "TS_FILES <name>_<lang>.ts ... are required")
    endif()
    foreach(ts IN LISTS ARG_TS_FILES)
        get_filename_component(ts_name "${ts}" NAME_WE)
        if(NOT ts_name MATCHES "^${ARG_MODULE}_[a-z][a-z](_[A-Z][A-Z])?$")
            message(FATAL_ERROR "smollama_add_plugin_translations(${target}): ${ts} must be "
                "named ${ARG_MODULE}_<lang>.ts (e.g. ${ARG_MODULE}_de.ts): smollama looks for "
                "${ARG_MODULE}_<lang>.qm")
        endif()
    endforeach()
    find_package(Qt6 REQUIRED COMPONENTS LinguistTools)
    # Qt 6.4 form. -locations none keeps line numbers out of the .ts files.
    qt_add_translations(${target}
        TS_FILES ${ARG_TS_FILES}
        RESOURCE_PREFIX "/smollama/translations/${ARG_MODULE}"
        LUPDATE_OPTIONS -locations none
        LRELEASE_OPTIONS -silent)
endfunction()
