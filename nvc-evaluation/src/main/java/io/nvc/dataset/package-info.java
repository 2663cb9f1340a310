/**
 * Dataset model and format tools: COCO JSON (boxes and keypoints), Pascal VOC / LabelImg XML
 * folders, YOLO txt folders, class mapping onto the SDK's classes, a deterministic split and
 * validation.
 *
 * <p>Boxes are {@code [x, y, width, height]} in continuous pixel coordinates of the original image
 * (COCO's convention, no +1). All types are immutable values or stateless utilities and are safe
 * to use from several threads.
 */
@NullMarked
package io.nvc.dataset;

import org.jspecify.annotations.NullMarked;
