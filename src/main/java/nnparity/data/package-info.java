/**
 * The data both networks learn from, and the order they see it in: the tutorial's quadrant task
 * (built in), MNIST-format IDX files, and the seeded batch order that the lockstep harness feeds to
 * both sides. Nothing here knows about either network.
 */
package nnparity.data;
