package org.blockscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** PNG export: the drawing whole under a title band, both at the export's scale (issue 12). */
class PngExportTest {

    @Test
    void thePictureSitsWholeUnderATitleBandOfTwiceTheHeight() {
        BufferedImage picture = new BufferedImage(800, 300, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(0, 0, 0xff0000);
        picture.setRGB(799, 299, 0x00ff00);
        BufferedImage out = PngExport.withTitle(picture, "ResNet-20 · 272,474 parameters", 2);
        assertThat(out.getWidth()).isEqualTo(800);
        assertThat(out.getHeight()).isEqualTo(300 + 88); // the 44 px band at 2×
        assertThat(out.getRGB(0, 88) & 0xffffff).isEqualTo(0xff0000);
        assertThat(out.getRGB(799, 387) & 0xffffff).isEqualTo(0x00ff00);
        boolean ink = false;
        for (int x = 0; x < out.getWidth() && !ink; x++) {
            for (int y = 0; y < 88 && !ink; y++) {
                ink = (out.getRGB(x, y) & 0xffffff) == 0x1f2933;
            }
        }
        assertThat(ink).as("title drawn in the band").isTrue();
    }

    @Test
    void aTitleWiderThanThePictureWidensTheImage() {
        BufferedImage picture = new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB);
        BufferedImage out = PngExport.withTitle(picture, "a title much wider than fifty pixels", 2);
        assertThat(out.getWidth()).isGreaterThan(50);
    }
}
