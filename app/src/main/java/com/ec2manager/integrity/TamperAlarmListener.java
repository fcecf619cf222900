package com.ec2manager.integrity;

/** Told of every new tamper alarm (notifications). */
public interface TamperAlarmListener {

    void raised(TamperAlarm alarm);
}
