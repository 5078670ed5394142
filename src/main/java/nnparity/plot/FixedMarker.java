package nnparity.plot;

import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

import org.knowm.xchart.style.markers.Marker;

/**
 * An XChart marker of its own size in pixels (XChart 3.8.8 gives every series the styler's one
 * marker size): small squares that tile a decision-region grid, larger circles for training
 * points, a diamond for the marked point, an × for a skipped parameter.
 */
final class FixedMarker extends Marker {
    enum Shape { SQUARE, CIRCLE, DIAMOND, CROSS }

    private final Shape shape;
    private final double size;

    FixedMarker(Shape shape, double size) {
        this.shape = shape;
        this.size = size;
    }

    @Override
    public void paint(Graphics2D g, double x, double y, int ignoredSize) {
        double h = size / 2;
        switch (shape) {
            case SQUARE -> g.fill(new Rectangle2D.Double(x - h, y - h, size, size));
            case CIRCLE -> g.fill(new Ellipse2D.Double(x - h, y - h, size, size));
            case DIAMOND -> {
                Path2D.Double p = new Path2D.Double();
                p.moveTo(x, y - h);
                p.lineTo(x + h, y);
                p.lineTo(x, y + h);
                p.lineTo(x - h, y);
                p.closePath();
                g.fill(p);
            }
            case CROSS -> {
                g.setStroke(new java.awt.BasicStroke((float) Math.max(1.5, size / 5)));
                g.draw(new java.awt.geom.Line2D.Double(x - h, y - h, x + h, y + h));
                g.draw(new java.awt.geom.Line2D.Double(x - h, y + h, x + h, y - h));
            }
        }
    }
}
