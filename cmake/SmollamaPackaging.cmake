# SPDX-License-Identifier: GPL-3.0-or-later
#
# The plugin SDK as a CMake package, find_package(Smollama), in two flavours with the same
# layout:
#   build tree: ${PROJECT_BINARY_DIR}/${CMAKE_INSTALL_LIBDIR}/cmake/Smollama (tests and
#               `smollama-cli plugin install` build plugins against an uninstalled build)
#   installed:  ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/cmake/Smollama
# Both hold SmollamaConfig.cmake, SmollamaConfigVersion.cmake, SmollamaTargets.cmake
# (Smollama::Core) and SmollamaPlugin.cmake (smollama_add_plugin()).
# Included from the top-level CMakeLists.txt after core/ (which defines the export set).

include(CMakePackageConfigHelpers)

set(SMOLLAMA_PACKAGE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/Smollama")
set(SMOLLAMA_PACKAGE_BUILD_DIR "${PROJECT_BINARY_DIR}/${SMOLLAMA_PACKAGE_INSTALL_DIR}")
set(SMOLLAMA_QT_MIN_VERSION 6.4)

# Build tree: the exported targets point at the build's library and the source headers.
export(EXPORT SmollamaTargets
    FILE "${SMOLLAMA_PACKAGE_BUILD_DIR}/SmollamaTargets.cmake"
    NAMESPACE Smollama::)
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/SmollamaConfig.cmake.in"
    "${SMOLLAMA_PACKAGE_BUILD_DIR}/SmollamaConfig.cmake"
    INSTALL_DESTINATION "${SMOLLAMA_PACKAGE_BUILD_DIR}"
    INSTALL_PREFIX "${PROJECT_BINARY_DIR}")
configure_file("${PROJECT_SOURCE_DIR}/cmake/SmollamaPlugin.cmake"
    "${SMOLLAMA_PACKAGE_BUILD_DIR}/SmollamaPlugin.cmake" COPYONLY)

# A plugin built for SDK 1.x loads in any smollama with SDK 1.y, y >= x.
write_basic_package_version_file("${SMOLLAMA_PACKAGE_BUILD_DIR}/SmollamaConfigVersion.cmake"
    VERSION "${SMOLLAMA_SDK_VERSION}"
    COMPATIBILITY SameMajorVersion)

# Installed SDK.
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/SmollamaConfig.cmake.in"
    "${PROJECT_BINARY_DIR}/cmake-install/SmollamaConfig.cmake"
    INSTALL_DESTINATION "${SMOLLAMA_PACKAGE_INSTALL_DIR}")
install(EXPORT SmollamaTargets
    NAMESPACE Smollama::
    DESTINATION "${SMOLLAMA_PACKAGE_INSTALL_DIR}"
    COMPONENT dev)
install(FILES
    "${PROJECT_BINARY_DIR}/cmake-install/SmollamaConfig.cmake"
    "${SMOLLAMA_PACKAGE_BUILD_DIR}/SmollamaConfigVersion.cmake"
    "${PROJECT_SOURCE_DIR}/cmake/SmollamaPlugin.cmake"
    DESTINATION "${SMOLLAMA_PACKAGE_INSTALL_DIR}"
    COMPONENT dev)

# The Qt Creator wizard: wizard.json from examples/qtcreator-wizard plus the very templates
# `smollama-cli plugin new` embeds, assembled in the build tree and installed, ready to copy to
# ~/.config/QtProject/qtcreator/templates/wizards/.
set(SMOLLAMA_WIZARD_SOURCE_DIR "${PROJECT_SOURCE_DIR}/examples/qtcreator-wizard/smollama-plugin")
set(SMOLLAMA_TEMPLATE_DIR "${PROJECT_SOURCE_DIR}/app/smollama-cli/templates")
if(EXISTS "${SMOLLAMA_WIZARD_SOURCE_DIR}/wizard.json" AND EXISTS "${SMOLLAMA_TEMPLATE_DIR}")
    set(wizard_out "${PROJECT_BINARY_DIR}/${CMAKE_INSTALL_DATADIR}/smollama/qtcreator-wizard/smollama-plugin")
    file(GLOB_RECURSE wizard_templates CONFIGURE_DEPENDS RELATIVE "${SMOLLAMA_TEMPLATE_DIR}"
        "${SMOLLAMA_TEMPLATE_DIR}/*")
    foreach(f IN LISTS wizard_templates)
        configure_file("${SMOLLAMA_TEMPLATE_DIR}/${f}" "${wizard_out}/templates/${f}" COPYONLY)
    endforeach()
    file(GLOB wizard_files CONFIGURE_DEPENDS RELATIVE "${SMOLLAMA_WIZARD_SOURCE_DIR}"
        "${SMOLLAMA_WIZARD_SOURCE_DIR}/*.json" "${SMOLLAMA_WIZARD_SOURCE_DIR}/*.png")
    foreach(f IN LISTS wizard_files)
        configure_file("${SMOLLAMA_WIZARD_SOURCE_DIR}/${f}" "${wizard_out}/${f}" COPYONLY)
    endforeach()
    install(DIRECTORY "${wizard_out}" DESTINATION "${CMAKE_INSTALL_DATADIR}/smollama/qtcreator-wizard"
        COMPONENT dev)
endif()
