// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// smollama.http: the HTTP API (defined in httpapi.cpp).
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
