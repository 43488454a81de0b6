// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// smollama.plugins: finding, loading, setting up and tearing down plugins (defined in
// pluginmanager.cpp).
Q_DECLARE_LOGGING_CATEGORY(lcPlugins)
