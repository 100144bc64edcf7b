#pragma once

// QScintilla's headers use the `signals` / `slots` keywords, which QT_NO_KEYWORDS turns off for
// Retort's own code. Include QScintilla only through this header.
#if defined(QT_NO_KEYWORDS) && !defined(signals)
#define RETORT_QSCI_KEYWORDS
#define signals Q_SIGNALS
#define slots Q_SLOTS
#endif

#include <Qsci/qscilexer.h>
#include <Qsci/qscilexerpython.h>
#include <Qsci/qscilexersql.h>
#include <Qsci/qsciscintilla.h>
#include <Qsci/qscistyle.h>

#ifdef RETORT_QSCI_KEYWORDS
#undef signals
#undef slots
#undef RETORT_QSCI_KEYWORDS
#endif
