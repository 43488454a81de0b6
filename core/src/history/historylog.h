// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// smollama.history: the in-memory history (defined in readinghistory.cpp, in the core library).
Q_DECLARE_LOGGING_CATEGORY(lcHistory)
// smollama.history.store: its SQLite store (defined in historystore.cpp, in the storage library,
// which cannot reach the core's hidden symbols).
Q_DECLARE_LOGGING_CATEGORY(lcHistoryStore)
