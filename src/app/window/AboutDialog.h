#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class AboutDialog;
}

namespace retort::app {

// "About Retort": what this build is made of (Retort, Qt at run time and at build time,
// QScintilla, spdlog) and the project's Alembic version once the bridge has reported it.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
    ~AboutDialog() override;

    // The Alembic version the project's Python reported ("1.8.1"); empty shows "not detected yet".
    void setAlembicVersion(const QString& version);

    // "Retort 0.1.0\nQt 6.4.2 ...": the versions as plain text, one per line (also what "Copy" copies).
    [[nodiscard]] QString versionsText() const;

private:
    std::unique_ptr<Ui::AboutDialog> m_ui;
};

} // namespace retort::app
