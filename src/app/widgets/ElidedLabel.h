#pragma once

#include <QLabel>

namespace retort::app {

// A one-line label that never widens its window: the text is shortened in the middle to the
// width the layout gives it (the whole text stays in the tooltip). For long paths and URLs in the
// status bar.
class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    void setFullText(const QString& text);
    // Where the text is shortened (default: in the middle, for paths and URLs).
    void setElideMode(Qt::TextElideMode mode);
    [[nodiscard]] QString fullText() const { return m_full; }

    [[nodiscard]] QSize minimumSizeHint() const override;
    [[nodiscard]] QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void elide();

    QString m_full;
    Qt::TextElideMode m_mode = Qt::ElideMiddle;
};

} // namespace retort::app
