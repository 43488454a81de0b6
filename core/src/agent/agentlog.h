// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// smollama.agent: the agent, its Ollama client and its rules (defined in agent.cpp).
Q_DECLARE_LOGGING_CATEGORY(lcAgent)
