package com.ec2manager.notifications;

/** A place notifications go to; {@link #send} throws when the attempt failed and may be retried. */
interface NotificationTarget {

    String name();

    boolean wants(Notification notification);

    void send(Notification notification) throws Exception;
}
